namespace HybridRec.Bench.Cli;

/// <summary>
/// Checks, before anything is loaded or trained, that the paths a command will write to can be written: the directory
/// exists or can be created, a file to write is not a directory (and a directory is not a file), and a file can be
/// created there (a probe file is created and deleted). A failure is a usage error naming the option and the path.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks that the file <paramref name="path"/> (given as <paramref name="option"/>) can be written; null passes.</summary>
    public static void CheckFile(string option, string? path)
    {
        if (path is null) return;
        string full = Full(option, path);
        if (Directory.Exists(full)) throw new UsageException($"{option} {path}: that is a directory; give a file name.");
        Probe(option, path, Path.GetDirectoryName(full) ?? ".");
    }

    /// <summary>Checks that the directory <paramref name="path"/> (given as <paramref name="option"/>) exists or can be created, and can be written; null passes.</summary>
    public static void CheckDirectory(string option, string? path)
    {
        if (path is null) return;
        string full = Full(option, path);
        if (File.Exists(full)) throw new UsageException($"{option} {path}: that is a file; give a directory.");
        Probe(option, path, full);
    }

    private static string Full(string option, string path)
    {
        try { return Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} '{path}': not a valid path ({e.Message}).");
        }
    }

    /// <summary>Creates <paramref name="directory"/> when missing and a probe file in it, then deletes the probe.</summary>
    private static void Probe(string option, string path, string directory)
    {
        string probe = Path.Combine(directory, $".hybridrec-write-check.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot write there ({ErrorPolicy.OneLine(e.Message)}).");
        }
        finally
        {
            try { if (File.Exists(probe)) File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
