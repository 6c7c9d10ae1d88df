using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>How one input ended.</summary>
internal enum FuzzVerdict
{
    /// <summary>Loaded, and the dataset's invariants hold.</summary>
    Loaded,

    /// <summary>Rejected with a <see cref="DatasetFormatException"/> naming a file of the release and a line within it.</summary>
    Rejected,

    /// <summary>Anything else: another exception type, a badly located error, a broken invariant, too much memory or time.</summary>
    Bug,
}

/// <summary>The outcome of one input.</summary>
/// <param name="Verdict">How it ended.</param>
/// <param name="Message">For a rejection, the problem with numbers and quoted text generalised (a message kind); for a bug, what went wrong.</param>
/// <param name="Example">The full message of the exception, or the bug's detail.</param>
/// <param name="Allocated">Bytes this thread allocated while loading.</param>
/// <param name="Elapsed">Time the load took.</param>
internal sealed record FuzzOutcome(FuzzVerdict Verdict, string Message, string Example, long Allocated, TimeSpan Elapsed);

/// <summary>
/// The fuzzing contract: every input either loads into a dataset whose invariants hold, or throws
/// <see cref="DatasetFormatException"/> whose file is one of the release's (or the release itself) and whose line
/// lies within that file (0 = the whole file); nothing else, within bounded memory (allocated by the loading
/// thread: <see cref="FixedAllocationBound"/> plus <see cref="AllocationPerInputByte"/> per input byte).
/// </summary>
internal static partial class FuzzOracle
{
    /// <summary>Allocation allowed to any load, whatever its size: read buffers of every file, CsvHelper's state, the report.</summary>
    public const long FixedAllocationBound = 32L << 20;

    /// <summary>Allocation allowed per byte of input on top (strings, columns, maps in proportion to what was read).</summary>
    public const long AllocationPerInputByte = 64;

    /// <summary>Loads <paramref name="input"/> and judges the result.</summary>
    public static FuzzOutcome Run(FuzzInput input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        RatingDataset? dataset = null;
        Exception? error = null;
        try
        {
            dataset = input.Load();
        }
        catch (Exception e)
        {
            error = e;
        }
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var outcome = Judge(input, dataset, error, allocated, clock.Elapsed);
        long bound = FixedAllocationBound + AllocationPerInputByte * input.Size;
        if (outcome.Verdict != FuzzVerdict.Bug && allocated > bound)
            return outcome with { Verdict = FuzzVerdict.Bug, Message = "memory", Example = $"allocated {allocated:N0} bytes, more than {bound:N0} for {input.Size:N0} input bytes" };
        return outcome;
    }

    private static FuzzOutcome Judge(FuzzInput input, RatingDataset? dataset, Exception? error, long allocated, TimeSpan elapsed)
    {
        if (error is null)
        {
            string? broken = BrokenInvariant(input, dataset!);
            return broken is null
                ? new FuzzOutcome(FuzzVerdict.Loaded, "", "", allocated, elapsed)
                : new FuzzOutcome(FuzzVerdict.Bug, "invariant: " + Generalise(broken), broken, allocated, elapsed);
        }
        if (error is not DatasetFormatException e)
            return new FuzzOutcome(FuzzVerdict.Bug, $"exception {error.GetType().FullName}", error.ToString(), allocated, elapsed);

        string? misplaced = Misplaced(input, e);
        return misplaced is null
            ? new FuzzOutcome(FuzzVerdict.Rejected, Kind(e), e.Message, allocated, elapsed)
            : new FuzzOutcome(FuzzVerdict.Bug, "location: " + Generalise(misplaced), $"{misplaced}: {e.Message}", allocated, elapsed);
    }

    /// <summary>Why the exception's location is wrong, or null.</summary>
    private static string? Misplaced(FuzzInput input, DatasetFormatException e)
    {
        string source = input.Target.SourceName;
        string separator = input.Zip is null ? "/" : "!";
        if (e.File != source && !e.File.StartsWith(source + separator, StringComparison.Ordinal)) return $"file '{e.File}' is not of the release '{source}'";
        if (e.Line < 0) return $"line {e.Line} is negative";
        if (string.IsNullOrWhiteSpace(e.Problem)) return "no problem is stated";
        if (!e.Message.StartsWith(e.File, StringComparison.Ordinal)) return "the message does not start with the file";
        if (e.Line > 0 && input.LineCountOf(e.File) is long lines && e.Line > lines) return $"line {e.Line} is past the file's {lines} lines";
        return null;
    }

    /// <summary>The first broken invariant of a loaded dataset, or null.</summary>
    private static string? BrokenInvariant(FuzzInput input, RatingDataset ds)
    {
        var r = ds.Ratings;
        var report = ds.Report;
        if (r.Count == 0) return "a dataset without ratings loaded";
        if (report.RatingsKept != r.Count) return $"report keeps {report.RatingsKept} ratings, table has {r.Count}";
        if (report.RatingsRead != report.RatingsKept + report.DuplicateRatings) return "ratings read ≠ kept + duplicates";
        if (input.Options.MaxRatings is int max && report.RatingsRead > max) return $"read {report.RatingsRead} ratings, more than MaxRatings {max}";
        if (RatingLines(input) is long lines && report.RatingsRead + report.RatingsSkippedByLimit != lines)
            return $"the rating file has {lines} rating lines but {report.RatingsRead} were read and {report.RatingsSkippedByLimit} skipped by the limit: lines dropped silently";
        if (report.ItemsRead != ds.Items.Count || ds.ItemNames.Count != ds.Items.Count) return "movie counts disagree";
        if (ds.ItemFeatures.Any(g => g.Rows != ds.Items.Count)) return "feature rows ≠ movies";
        if (ds.UserFeatures.Any(g => g.Rows != ds.Users.Count)) return "user feature rows ≠ users";
        var seenUsers = new bool[ds.Users.Count];
        var pairs = new HashSet<long>();
        for (int i = 0; i < r.Count; i++)
        {
            if ((uint)r.Users[i] >= (uint)ds.Users.Count) return $"rating {i}: user index {r.Users[i]} out of range";
            if ((uint)r.Items[i] >= (uint)ds.Items.Count) return $"rating {i}: movie index {r.Items[i]} out of range";
            if (!float.IsFinite(r.Stars[i]) || !ds.Scale.Contains(r.Stars[i])) return $"rating {i}: {r.Stars[i]} stars is not on the scale";
            if (!pairs.Add(((long)r.Users[i] << 32) | (uint)r.Items[i])) return $"rating {i}: (user, movie) repeated after duplicate resolution";
            seenUsers[r.Users[i]] = true;
        }
        if (seenUsers.Contains(false)) return "a user without ratings is in the user map";
        if (report.Users != ds.Users.Count) return "report users ≠ user map";
        foreach (var (name, split) in ds.PredefinedSplits)
        {
            foreach (var part in new[] { split.Train, split.Test })
            {
                if (part.Count == 0) return $"split {name} has an empty part";
                for (int i = 0; i < part.Count; i++)
                {
                    if ((uint)part.Users[i] >= (uint)ds.Users.Count || (uint)part.Items[i] >= (uint)ds.Items.Count) return $"split {name}: index out of range";
                    if (!ds.Scale.Contains(part.Stars[i])) return $"split {name}: stars off the scale";
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The non-blank data lines of the rating file, when they can be counted without a CSV parser: every line of a
    /// headerless file, and the lines after the header of a CSV file without quotes, lone CRs or a UTF-16/32 mark.
    /// </summary>
    private static long? RatingLines(FuzzInput input)
    {
        if (input.ContainerMutated) return null;
        string name = input.Target.Layout switch { "csv" => "ratings.csv", "ml-100k" => "u.data", _ => "ratings.dat" };
        var matches = input.Files.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1) return null;
        ReadOnlySpan<byte> bytes = matches[0].Bytes;
        bool csv = name.EndsWith(".csv", StringComparison.Ordinal);
        if (csv && (bytes.Contains((byte)'"') || bytes.Count((byte)'\r') != bytes.Count("\r\n"u8) || bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])) return null;
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) bytes = bytes[3..];
        long count = 0;
        bool header = csv;
        while (!bytes.IsEmpty)
        {
            int nl = bytes.IndexOf((byte)'\n');
            var line = nl < 0 ? bytes : bytes[..nl];
            bytes = nl < 0 ? [] : bytes[(nl + 1)..];
            if (header) header = false;
            else if (line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') >= 0) count++;
        }
        return count;
    }

    /// <summary>A message's kind: its problem with quoted text, file lists, hexadecimal and decimal numbers generalised.</summary>
    public static string Kind(DatasetFormatException e) => Generalise(e.Problem);

    /// <summary><paramref name="text"/> with quoted text, file lists, hexadecimal and decimal numbers generalised.</summary>
    private static string Generalise(string text)
    {
        string p = FileList().Replace(text, "(found …);");
        p = Quoted().Replace(p, "'…'");
        p = Hex().Replace(p, "H");
        p = Number().Replace(p, "N");
        return p.Length <= 160 ? p : p[..160] + "…";
    }

    [GeneratedRegex(@"\(found (files|no files)[^;]*\);")]
    private static partial Regex FileList();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex("0x[0-9A-F]+")]
    private static partial Regex Hex();

    [GeneratedRegex(@"[-+]?\d[\d,.]*")]
    private static partial Regex Number();
}
