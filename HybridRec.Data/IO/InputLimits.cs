namespace HybridRec.Data.IO;

/// <summary>
/// Bounds on one file of a release, enforced by <see cref="GuardedStream"/> while the file is read: its size in
/// bytes and the length of one line. Taken from <see cref="MovieLensLoadOptions"/>.
/// </summary>
/// <param name="MaxFileBytes">The most bytes one file may hold.</param>
/// <param name="MaxLineLength">The most bytes one line may hold, its line end excluded.</param>
internal sealed record InputLimits(long MaxFileBytes, int MaxLineLength)
{
    /// <summary>No bound on size or line length (files read only to be described, such as counting their lines).</summary>
    public static InputLimits None { get; } = new(long.MaxValue, int.MaxValue);

    /// <summary>The limits set by <paramref name="options"/>.</summary>
    public static InputLimits Of(MovieLensLoadOptions options) => new(options.MaxFileBytes, options.MaxLineLength);
}

/// <summary>What a container (a zip archive) declares about one of its files: the bytes read must match both.</summary>
/// <param name="Length">Uncompressed length in bytes.</param>
/// <param name="Crc32">CRC-32 of the uncompressed bytes.</param>
internal sealed record DeclaredContent(long Length, uint Crc32);
