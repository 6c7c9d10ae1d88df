using System.IO.Compression;

namespace HybridRec.Data.IO;

/// <summary>
/// The files of one MovieLens release, read from a directory or a zip archive. Files are named as in the release
/// (<c>ratings.csv</c>, <c>u.data</c>), matched ignoring case; a zip whose entries all sit under one top folder
/// (<c>ml-latest-small/ratings.csv</c>) is read as if that folder were the root.
/// </summary>
internal abstract class ReleaseSource : IDisposable
{
    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string First, string Second)> _collisions = [];

    /// <summary>Where the release lives: a full directory path, a full zip path or a stream's name.</summary>
    public abstract string Location { get; }

    /// <summary>A short name: the directory name or the zip name without extension.</summary>
    public abstract string Name { get; }

    /// <summary>Files of the release, by their names relative to its root (in the source's order).</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>
    /// Names that match an earlier file ignoring case (<c>Ratings.csv</c> after <c>ratings.csv</c>, or the same
    /// name twice in a zip): the first is in <see cref="Files"/>, the second is not.
    /// </summary>
    public IReadOnlyList<(string First, string Second)> CaseCollisions => _collisions;

    /// <summary>Registers the files; <paramref name="names"/> are relative names.</summary>
    protected void SetFiles(IEnumerable<string> names)
    {
        var list = new List<string>();
        foreach (var n in names)
        {
            if (_byName.TryGetValue(n, out var first)) _collisions.Add((first, n));
            else
            {
                _byName.Add(n, n);
                list.Add(n);
            }
        }
        Files = list;
    }

    /// <summary>Whether the release has <paramref name="file"/>.</summary>
    public bool Has(string file) => _byName.ContainsKey(file);

    /// <summary>
    /// Opens <paramref name="file"/> for sequential reading within <paramref name="limits"/> (none when null): a file
    /// larger than the limit fails before it is read, and reading past a limit, past a zip entry's declared length,
    /// or into data that does not decompress throws a <see cref="DatasetFormatException"/> naming the file.
    /// </summary>
    public Stream Open(string file, InputLimits? limits = null)
    {
        limits ??= InputLimits.None;
        string actual = Actual(file);
        string display = DisplayActual(actual);
        long length = LengthActual(actual);
        if (length > limits.MaxFileBytes)
            throw new DatasetFormatException(display, 0, "", null,
                $"the file is {length:N0} bytes, larger than the limit of {limits.MaxFileBytes:N0} bytes (MaxFileBytes)");
        return new GuardedStream(OpenActual(actual), display, limits, Declared(actual));
    }

    /// <summary>The name to show for <paramref name="file"/>: a path, or <c>archive.zip!entry</c>.</summary>
    public string DisplayPath(string file) => DisplayActual(_byName.TryGetValue(file, out var actual) ? actual : file);

    /// <summary>Size in bytes of <paramref name="file"/>; for a zip entry, the uncompressed size the archive declares.</summary>
    public long Length(string file) => LengthActual(Actual(file));

    private string Actual(string file) =>
        _byName.TryGetValue(file, out var actual) ? actual : throw new FileNotFoundException($"{file} is not part of {Location}.", file);

    /// <summary>The length and CRC-32 a container declares for a file (a zip entry's), which its bytes must match; null when nothing is declared.</summary>
    protected virtual DeclaredContent? Declared(string name) => null;

    /// <summary>Opens a file by its registered name.</summary>
    protected abstract Stream OpenActual(string name);

    /// <summary>The display path of a file by its registered name.</summary>
    protected abstract string DisplayActual(string name);

    /// <summary>Size of a file by its registered name.</summary>
    protected abstract long LengthActual(string name);

    /// <inheritdoc />
    public virtual void Dispose() { }

    /// <summary>Opens a release directory or a release <c>.zip</c>.</summary>
    public static ReleaseSource OpenPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return new DirectorySource(full);
        if (File.Exists(full))
        {
            return ZipSource.Open(() => ZipFile.OpenRead(full), full, Path.GetFileNameWithoutExtension(full),
                "is neither a directory nor a readable zip archive of a MovieLens release: ");
        }
        throw new DirectoryNotFoundException($"No MovieLens release at '{full}': it is neither a directory nor a file.");
    }

    /// <summary>Opens a release zip held in a stream; the stream is left open.</summary>
    public static ReleaseSource FromZipStream(Stream zipStream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(zipStream);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        string name = Path.GetFileName(sourceName);
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        return ZipSource.Open(() => new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true), sourceName,
            name.Length > 0 ? name : sourceName, "is not a readable zip archive: ");
    }
}

/// <summary>A release stored as files in a directory (top level only).</summary>
internal sealed class DirectorySource : ReleaseSource
{
    private readonly string _dir;

    public DirectorySource(string fullPath)
    {
        _dir = Path.TrimEndingDirectorySeparator(fullPath);
        Location = _dir;
        Name = Path.GetFileName(_dir);
        var names = Directory.EnumerateFiles(_dir).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        SetFiles(names);
    }

    public override string Location { get; }

    public override string Name { get; }

    protected override Stream OpenActual(string name) =>
        new FileStream(Path.Combine(_dir, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    protected override string DisplayActual(string name) => Path.Combine(_dir, name);

    protected override long LengthActual(string name) => new FileInfo(Path.Combine(_dir, name)).Length;
}

/// <summary>A release stored in a zip archive, at its root or under one top folder.</summary>
internal sealed class ZipSource : ReleaseSource
{
    /// <summary>Entries larger than this are decompressed on a background thread while they are parsed.</summary>
    private const long ReadAheadThreshold = 8L << 20;

    private readonly ZipArchive _zip;
    private readonly string _prefix;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the archive and reads its directory; an archive that cannot be read throws a
    /// <see cref="DatasetFormatException"/> for <paramref name="location"/> starting with <paramref name="problem"/>.
    /// </summary>
    public static ZipSource Open(Func<ZipArchive> open, string location, string name, string problem)
    {
        ZipArchive? zip = null;
        try
        {
            zip = open();
            return new ZipSource(zip, location, name);
        }
        catch (InvalidDataException e)
        {
            zip?.Dispose();
            throw new DatasetFormatException(location, 0, "", null, problem + e.Message, e);
        }
    }

    private ZipSource(ZipArchive zip, string location, string name)
    {
        _zip = zip;
        Location = location;
        Name = name;
        var files = zip.Entries
            .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
            .ToList();
        _prefix = CommonTopFolder(files.Select(e => e.FullName));
        var names = new List<string>();
        foreach (var e in files)
        {
            string rel = e.FullName[_prefix.Length..];
            _entries.TryAdd(rel, e); // an exact repeat is kept in the names, where it is reported as a collision
            names.Add(rel);
        }
        SetFiles(names);
    }

    public override string Location { get; }

    public override string Name { get; }

    /// <summary>"folder/" when every entry sits under the same top folder, else "".</summary>
    internal static string CommonTopFolder(IEnumerable<string> entryNames)
    {
        string? top = null;
        foreach (var n in entryNames)
        {
            int slash = n.IndexOf('/');
            if (slash <= 0) return "";
            string t = n[..(slash + 1)];
            if (top is null) top = t;
            else if (!string.Equals(top, t, StringComparison.Ordinal)) return "";
        }
        return top ?? "";
    }

    protected override Stream OpenActual(string name)
    {
        var entry = _entries[name];
        Stream s;
        try
        {
            s = entry.Open();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException) // a corrupt header, an unsupported method
        {
            throw new DatasetFormatException(DisplayActual(name), 0, "", null, "the archive entry cannot be opened: " + e.Message, e);
        }
        return entry.Length > ReadAheadThreshold ? new ReadAheadStream(s) : s;
    }

    protected override DeclaredContent? Declared(string name)
    {
        var entry = _entries[name];
        return new DeclaredContent(entry.Length, entry.Crc32);
    }

    protected override string DisplayActual(string name) =>
        _entries.TryGetValue(name, out var e) ? $"{Location}!{e.FullName}" : $"{Location}!{_prefix}{name}";

    protected override long LengthActual(string name) => _entries[name].Length;

    public override void Dispose() => _zip.Dispose();
}
