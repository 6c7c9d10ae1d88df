namespace HybridRec.Kernels;

/// <summary>
/// Thrown by <see cref="ComputeDevice.Create"/> when the requested kind of device is absent or cannot be started.
/// The message names what was requested and lists the devices ILGPU found.
/// </summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public DeviceUnavailableException() : base("The requested compute device is not available.") { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public DeviceUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public DeviceUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a requested kind, listing the devices that were found.</summary>
    internal DeviceUnavailableException(DeviceKind requested, IReadOnlyList<DeviceInfo> found, string detail, Exception? inner = null)
        : base(BuildMessage(requested, found, detail), inner)
    {
        Requested = requested;
        Found = found;
    }

    /// <summary>The device kind that was requested.</summary>
    public DeviceKind Requested { get; }

    /// <summary>The devices ILGPU found when the request was made.</summary>
    public IReadOnlyList<DeviceInfo> Found { get; } = [];

    private static string BuildMessage(DeviceKind requested, IReadOnlyList<DeviceInfo> found, string detail)
    {
        var list = found.Count == 0 ? "none" : string.Join("; ", found.Select(d => $"{d.Type}: {d.Name}"));
        return $"Requested compute device '{requested}' is not available: {detail} Devices found: {list}.";
    }
}
