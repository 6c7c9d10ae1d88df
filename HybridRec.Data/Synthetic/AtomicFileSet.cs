namespace HybridRec.Data.Synthetic;

/// <summary>
/// Writes a set of files into a directory atomically, file by file: each is written under a temporary name in the
/// same directory, flushed to disk, and only <see cref="Commit"/> renames them over their final names. Disposing
/// an uncommitted set deletes its temporary files, so a failure or cancellation leaves the previous files intact
/// and no half-written file under a final name.
/// </summary>
internal sealed class AtomicFileSet : IDisposable
{
    private const int BufferSize = 1 << 20;
    private readonly string _directory;
    private readonly List<(string Name, string TempPath, long Bytes, long Lines)> _done = [];
    private FileStream? _open;
    private string? _openName, _openTemp;
    private bool _committed;

    /// <summary>Creates the set for <paramref name="directory"/> (created if missing).</summary>
    public AtomicFileSet(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    private static int _instances;
    private readonly string _suffix = $".{Environment.ProcessId}-{Interlocked.Increment(ref _instances)}.tmp";

    /// <summary>The temporary name used for <paramref name="fileName"/> (visible in the directory while writing; unique per set).</summary>
    public string TempNameFor(string fileName) => fileName + _suffix;

    /// <summary>Starts writing <paramref name="fileName"/>; the returned stream stays owned by the set.</summary>
    public Stream Begin(string fileName)
    {
        if (_open is not null) throw new InvalidOperationException($"{_openName} is still being written.");
        _openName = fileName;
        _openTemp = Path.Combine(_directory, TempNameFor(fileName));
        _open = new FileStream(_openTemp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.SequentialScan);
        return _open;
    }

    /// <summary>Finishes the file begun last: flushes it to disk and closes it, recording its size and line count.</summary>
    public void End(long lines)
    {
        if (_open is null) throw new InvalidOperationException("no file is being written.");
        _open.Flush(flushToDisk: true);
        long bytes = _open.Length;
        _open.Dispose();
        _open = null;
        _done.Add((_openName!, _openTemp!, bytes, lines));
    }

    /// <summary>The finished files, in order.</summary>
    public IReadOnlyList<SyntheticFile> Files => [.. _done.Select(d => new SyntheticFile(d.Name, d.Bytes, d.Lines))];

    /// <summary>Renames every finished file over its final name (each rename replaces atomically).</summary>
    public void Commit()
    {
        if (_open is not null) throw new InvalidOperationException($"{_openName} is still being written.");
        foreach (var d in _done) File.Move(d.TempPath, Path.Combine(_directory, d.Name), overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes temporary files that were not committed.</summary>
    public void Dispose()
    {
        _open?.Dispose();
        _open = null;
        if (_committed) return;
        if (_openTemp is not null) TryDelete(_openTemp);
        foreach (var d in _done) TryDelete(d.TempPath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
