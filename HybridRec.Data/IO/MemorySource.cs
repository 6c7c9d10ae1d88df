namespace HybridRec.Data.IO;

/// <summary>
/// A release held in memory: its files as byte arrays, or as streams made on demand with a stated length (a
/// synthetic 3 GB stream costs nothing). Tests and the fuzzer load millions of inputs through it without touching
/// the disk. Files are shown as <c>NAME/file</c>.
/// </summary>
internal sealed class MemorySource : ReleaseSource
{
    private readonly Dictionary<string, (Func<Stream> Open, long Length)> _files = new(StringComparer.Ordinal);

    /// <summary>A release named <paramref name="name"/> holding <paramref name="files"/> (name, bytes), in that order.</summary>
    public MemorySource(string name, IEnumerable<(string Name, byte[] Bytes)> files)
        : this(name, files.Select(f => (f.Name, (Func<Stream>)(() => new MemoryStream(f.Bytes, writable: false)), (long)f.Bytes.Length)))
    {
    }

    /// <summary>A release named <paramref name="name"/> whose files are opened by the given factories.</summary>
    public MemorySource(string name, IEnumerable<(string Name, Func<Stream> Open, long Length)> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Location = name;
        Name = name;
        var names = new List<string>();
        foreach (var (file, open, length) in files)
        {
            _files.TryAdd(file, (open, length));
            names.Add(file);
        }
        SetFiles(names);
    }

    public override string Location { get; }

    public override string Name { get; }

    protected override Stream OpenActual(string name) => _files[name].Open();

    protected override string DisplayActual(string name) => $"{Location}/{name}";

    protected override long LengthActual(string name) => _files[name].Length;
}
