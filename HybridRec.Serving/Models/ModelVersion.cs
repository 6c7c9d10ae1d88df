namespace HybridRec.Serving.Models;

/// <summary>Identifies a loaded model file: the SHA-256 of its bytes, its last write time and its length.</summary>
/// <param name="Sha256">The file's SHA-256, lower-case hex.</param>
/// <param name="LastWriteTime">The file's last write time (UTC).</param>
/// <param name="Length">The file's length in bytes.</param>
public sealed record ModelVersion(string Sha256, DateTimeOffset LastWriteTime, long Length)
{
    /// <summary>The first 12 hex digits of the SHA-256: what the endpoints send in the <c>X-Model-Version</c> header.</summary>
    public string Id => Sha256[..12];

    /// <inheritdoc />
    public override string ToString() => $"{Id} (written {LastWriteTime:yyyy-MM-dd HH:mm:ss} UTC, {Length:N0} bytes)";
}
