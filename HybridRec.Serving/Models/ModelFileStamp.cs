namespace HybridRec.Serving.Models;

/// <summary>What tells a model file changed without reading it: its length and last write time (null when the file is missing).</summary>
internal readonly record struct ModelFileStamp(long Length, DateTime LastWriteTimeUtc)
{
    public static ModelFileStamp? Read(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new ModelFileStamp(info.Length, info.LastWriteTimeUtc) : null;
    }
}
