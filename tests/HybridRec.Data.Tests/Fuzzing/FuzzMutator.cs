using System.Text;

namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>
/// Mutations of a release's files, byte-level and structure-aware: bit flips, insertions, deletions, truncation,
/// duplicated, swapped and deleted lines, huge numbers, NaN and infinities, empty fields, wrong separators, stray
/// quotes, CRLF and byte order marks, invalid UTF-8, Latin-1, NUL bytes, long lines; and release-level ones: a file
/// removed, emptied, renamed to another case or layout, or added. Each mutation is named in the input's description.
/// </summary>
internal static class FuzzMutator
{
    private static readonly byte[] Interesting = "\n\r\"',:;|\t .-+eE0159x\0"u8.ToArray().Concat(new byte[] { 0x80, 0xC3, 0xE9, 0xEF, 0xFF }).ToArray();

    private static readonly string[] Numbers =
    [
        "2147483647", "2147483648", "-2147483648", "-2147483649", "-1", "0", "00", "99999999999999999999", "1e309", "-0", "NaN", "nan",
        "Infinity", "-Infinity", "∞", "4.5", "0.5", "5.0000001", "4.9999999", "1e1", "+3", " 3 ", "3.", ".5", "0x10", "٣", "", "1,5", "3.5e0",
        "16777216", "65537", "4194305", "1000000", "-65536",
    ];

    private static readonly string[] Separators = [",", "::", ":", ":::", "\t", "|", ";", "", " ", ",,", "\"", "\r"];

    private delegate byte[] Mutation(SeededRandom rng, byte[] bytes, IReadOnlyList<(string Name, byte[] Bytes)> release);

    private static readonly (string Name, Mutation Apply, int Weight)[] FileMutations =
    [
        ("flip-bit", FlipBit, 3),
        ("set-byte", SetByte, 3),
        ("insert-bytes", InsertBytes, 3),
        ("delete-range", DeleteRange, 3),
        ("truncate", Truncate, 2),
        ("duplicate-line", DuplicateLine, 2),
        ("swap-lines", SwapLines, 2),
        ("delete-line", DeleteLine, 2),
        ("blank-line", BlankLine, 1),
        ("number", ReplaceNumber, 6),
        ("empty-field", EmptyField, 2),
        ("separator", ReplaceSeparator, 3),
        ("quote", InsertQuote, 2),
        ("line-ends", LineEnds, 1),
        ("bom", Bom, 1),
        ("invalid-utf8", InvalidUtf8, 2),
        ("latin1", Latin1, 1),
        ("nul", Nul, 1),
        ("long-line", LongLine, 2),
        ("splice", Splice, 2),
        ("repeat", Repeat, 1),
        ("utf16", Utf16, 1),
    ];

    private static readonly int TotalWeight = FileMutations.Sum(m => m.Weight);

    /// <summary>Applies 1–4 mutations to the files of <paramref name="release"/> (a copy); returns the mutated release and what was done.</summary>
    public static List<(string Name, byte[] Bytes)> Mutate(SeededRandom rng, List<(string Name, byte[] Bytes)> release, List<string> description)
    {
        var files = new List<(string Name, byte[] Bytes)>(release);
        int count = 1 + (int)Math.Min(3, -Math.Log(1 - rng.NextDouble()) * 0.8);
        for (int k = 0; k < count && files.Count > 0; k++)
        {
            if (rng.NextDouble() < 0.06)
            {
                description.Add(MutateRelease(rng, files));
                continue;
            }
            int f = PickFile(rng, files);
            var m = PickMutation(rng);
            files[f] = (files[f].Name, m.Apply(rng, files[f].Bytes, files));
            description.Add($"{m.Name}({files[f].Name})");
        }
        return files;
    }

    /// <summary>Byte-level mutations of an archive's bytes (its headers and directory as well as its data).</summary>
    public static byte[] MutateContainer(SeededRandom rng, byte[] zip, List<string> description)
    {
        int count = rng.NextInt(1, 4);
        for (int k = 0; k < count; k++)
        {
            // Half of the mutations hit the end (the central directory), where one byte changes how everything is read.
            int at = rng.NextDouble() < 0.5 && zip.Length > 0 ? Math.Max(0, zip.Length - 1 - rng.NextInt(Math.Min(zip.Length, 200))) : rng.NextInt(zip.Length + 1);
            switch (rng.NextInt(5))
            {
                case 0 when zip.Length > 0:
                    zip = (byte[])zip.Clone();
                    zip[Math.Min(at, zip.Length - 1)] ^= (byte)(1 << rng.NextInt(8));
                    description.Add($"zip-flip@{at}");
                    break;
                case 1 when zip.Length > 0:
                    zip = (byte[])zip.Clone();
                    zip[Math.Min(at, zip.Length - 1)] = rng.NextDouble() < 0.5 ? (byte)0xFF : (byte)rng.NextInt(256);
                    description.Add($"zip-set@{at}");
                    break;
                case 2:
                    zip = [.. zip.AsSpan(0, at), .. RandomBytes(rng, rng.NextInt(1, 5)), .. zip.AsSpan(at)];
                    description.Add($"zip-insert@{at}");
                    break;
                case 3 when zip.Length > 0:
                    int n = Math.Min(zip.Length - Math.Min(at, zip.Length - 1), rng.NextInt(1, 9));
                    at = Math.Min(at, zip.Length - 1);
                    zip = [.. zip.AsSpan(0, at), .. zip.AsSpan(at + n)];
                    description.Add($"zip-delete@{at}+{n}");
                    break;
                default:
                    zip = zip[..rng.NextInt(zip.Length + 1)];
                    description.Add($"zip-truncate@{zip.Length}");
                    break;
            }
        }
        return zip;
    }

    /// <summary>Rating and movie files are picked more often: most of the readers' logic is there.</summary>
    private static int PickFile(SeededRandom rng, List<(string Name, byte[] Bytes)> files)
    {
        if (rng.NextDouble() < 0.5)
        {
            var main = Enumerable.Range(0, files.Count).Where(i => files[i].Name is "ratings.csv" or "movies.csv" or "ratings.dat" or "movies.dat" or "u.data" or "u.item").ToList();
            if (main.Count > 0) return main[rng.NextInt(main.Count)];
        }
        return rng.NextInt(files.Count);
    }

    private static (string Name, Mutation Apply, int Weight) PickMutation(SeededRandom rng)
    {
        int r = rng.NextInt(TotalWeight);
        foreach (var m in FileMutations)
        {
            if (r < m.Weight) return m;
            r -= m.Weight;
        }
        return FileMutations[^1];
    }

    private static string MutateRelease(SeededRandom rng, List<(string Name, byte[] Bytes)> files)
    {
        int f = rng.NextInt(files.Count);
        string name = files[f].Name;
        switch (rng.NextInt(6))
        {
            case 0:
                files.RemoveAt(f);
                return $"remove({name})";
            case 1:
                files[f] = (name, []);
                return $"empty({name})";
            case 2:
                files[f] = (name.ToUpperInvariant(), files[f].Bytes);
                return $"upper-case({name})";
            case 3:
                files.Add((char.ToUpperInvariant(name[0]) + name[1..], files[f].Bytes));
                return $"add-case-twin({name})";
            case 4:
                string other = new[] { "ratings.csv", "movies.csv", "ratings.dat", "movies.dat", "users.dat", "tags.dat", "u.data", "u.item", "u.genre", "ub.test" }[rng.NextInt(10)];
                files[f] = (other, files[f].Bytes);
                return $"rename({name}->{other})";
            default:
                files.Add(("genome-scores.csv", RandomBytes(rng, rng.NextInt(0, 64))));
                return "add(genome-scores.csv)";
        }
    }

    private static byte[] RandomBytes(SeededRandom rng, int n)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = rng.NextDouble() < 0.6 ? Interesting[rng.NextInt(Interesting.Length)] : (byte)rng.NextInt(256);
        return b;
    }

    private static byte[] Splice(byte[] bytes, int at, int removed, ReadOnlySpan<byte> inserted) =>
        [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at + removed)];

    /// <summary>Start and end (after its LF) of every line.</summary>
    private static List<(int Start, int End)> Lines(byte[] bytes)
    {
        var lines = new List<(int, int)>();
        int start = 0;
        while (start < bytes.Length)
        {
            int nl = bytes.AsSpan(start).IndexOf((byte)'\n');
            int end = nl < 0 ? bytes.Length : start + nl + 1;
            lines.Add((start, end));
            start = end;
        }
        return lines;
    }

    private static byte[] FlipBit(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        if (b.Length == 0) return b;
        var c = (byte[])b.Clone();
        c[rng.NextInt(c.Length)] ^= (byte)(1 << rng.NextInt(8));
        return c;
    }

    private static byte[] SetByte(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        if (b.Length == 0) return b;
        var c = (byte[])b.Clone();
        c[rng.NextInt(c.Length)] = Interesting[rng.NextInt(Interesting.Length)];
        return c;
    }

    private static byte[] InsertBytes(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _) =>
        Splice(b, rng.NextInt(b.Length + 1), 0, RandomBytes(rng, rng.NextInt(1, 9)));

    private static byte[] DeleteRange(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        if (b.Length == 0) return b;
        int at = rng.NextInt(b.Length);
        return Splice(b, at, Math.Min(b.Length - at, rng.NextInt(1, 17)), []);
    }

    private static byte[] Truncate(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _) => b[..rng.NextInt(b.Length + 1)];

    private static byte[] DuplicateLine(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var lines = Lines(b);
        if (lines.Count == 0) return b;
        var (s, e) = lines[rng.NextInt(lines.Count)];
        return Splice(b, rng.NextDouble() < 0.5 ? e : lines[rng.NextInt(lines.Count)].Start, 0, b.AsSpan(s, e - s));
    }

    private static byte[] SwapLines(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var lines = Lines(b);
        if (lines.Count < 2) return b;
        int i = rng.NextInt(lines.Count), j = rng.NextInt(lines.Count);
        var order = lines.ToList();
        (order[i], order[j]) = (order[j], order[i]);
        var result = new List<byte>(b.Length);
        foreach (var (s, e) in order)
        {
            result.AddRange(b.AsSpan(s, e - s));
            if (b[e - 1] != (byte)'\n') result.Add((byte)'\n');
        }
        return [.. result];
    }

    private static byte[] DeleteLine(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var lines = Lines(b);
        if (lines.Count == 0) return b;
        var (s, e) = lines[rng.NextInt(lines.Count)];
        return Splice(b, s, e - s, []);
    }

    private static byte[] BlankLine(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var lines = Lines(b);
        int at = lines.Count == 0 ? 0 : lines[rng.NextInt(lines.Count)].Start;
        string[] blanks = ["\n", " \n", "\t\n", "\r\n", " \t \r\n"];
        return Splice(b, at, 0, Encoding.ASCII.GetBytes(blanks[rng.NextInt(blanks.Length)]));
    }

    private static byte[] ReplaceNumber(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        // A run of digits (with a sign and a decimal point) picked at random.
        var runs = new List<(int Start, int Length)>();
        for (int i = 0; i < b.Length;)
        {
            if (b[i] is >= (byte)'0' and <= (byte)'9')
            {
                int s = i;
                while (i < b.Length && (b[i] is >= (byte)'0' and <= (byte)'9' || b[i] == (byte)'.')) i++;
                runs.Add((s, i - s));
            }
            else i++;
        }
        if (runs.Count == 0) return b;
        var (start, length) = runs[rng.NextInt(runs.Count)];
        return Splice(b, start, length, Encoding.UTF8.GetBytes(Numbers[rng.NextInt(Numbers.Length)]));
    }

    private static int[] SeparatorPositions(byte[] b)
    {
        var at = new List<int>();
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] is (byte)',' or (byte)'\t' or (byte)'|' || (b[i] == (byte)':' && i + 1 < b.Length && b[i + 1] == (byte)':')) at.Add(i);
        }
        return [.. at];
    }

    private static byte[] EmptyField(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var seps = SeparatorPositions(b);
        if (seps.Length < 2) return b;
        int k = rng.NextInt(seps.Length - 1);
        int start = seps[k] + (b[seps[k]] == (byte)':' ? 2 : 1);
        int end = seps[k + 1];
        return end > start ? Splice(b, start, end - start, []) : b;
    }

    private static byte[] ReplaceSeparator(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        var seps = SeparatorPositions(b);
        if (seps.Length == 0) return b;
        int at = seps[rng.NextInt(seps.Length)];
        int width = b[at] == (byte)':' ? 2 : 1;
        return Splice(b, at, width, Encoding.ASCII.GetBytes(Separators[rng.NextInt(Separators.Length)]));
    }

    private static byte[] InsertQuote(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        string[] quotes = ["\"", "\"\"", "\"x\"", "\"\n", "\",\"", "'"];
        return Splice(b, rng.NextInt(b.Length + 1), 0, Encoding.ASCII.GetBytes(quotes[rng.NextInt(quotes.Length)]));
    }

    private static byte[] LineEnds(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        string s = Encoding.Latin1.GetString(b);
        s = rng.NextInt(3) switch
        {
            0 => s.Replace("\r\n", "\n").Replace("\n", "\r\n"),
            1 => s.Replace("\r\n", "\n"),
            _ => s.Replace("\n", "\r"),
        };
        return Encoding.Latin1.GetBytes(s);
    }

    private static byte[] Bom(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        byte[][] boms = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xEF, 0xBB]];
        var bom = boms[rng.NextInt(boms.Length)];
        return Splice(b, rng.NextDouble() < 0.8 ? 0 : rng.NextInt(b.Length + 1), 0, bom);
    }

    private static byte[] InvalidUtf8(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        byte[][] bad = [[0xC3], [0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        return Splice(b, rng.NextInt(b.Length + 1), 0, bad[rng.NextInt(bad.Length)]);
    }

    private static byte[] Latin1(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _) =>
        rng.NextDouble() < 0.5 && System.Text.Unicode.Utf8.IsValid(b)
            ? Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(b).Select(c => c > 0xFF ? '?' : c).ToArray())
            : Splice(b, rng.NextInt(b.Length + 1), 0, [0xE9]);

    private static byte[] Nul(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _) =>
        Splice(b, rng.NextInt(b.Length + 1), 0, new byte[rng.NextInt(1, 4)]);

    private static byte[] LongLine(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        // Up to ~1,100 bytes: past the small line limits the options pick (16–1024) without making inputs slow.
        int n = rng.NextInt(16, 1100);
        byte fill = Interesting[rng.NextInt(Interesting.Length)];
        if (fill == (byte)'\n') fill = (byte)'x';
        var run = new byte[n];
        Array.Fill(run, fill);
        return Splice(b, rng.NextInt(b.Length + 1), 0, run);
    }

    private static byte[] Splice(SeededRandom rng, byte[] b, IReadOnlyList<(string Name, byte[] Bytes)> release)
    {
        var other = release[rng.NextInt(release.Count)].Bytes;
        var lines = Lines(other);
        if (lines.Count == 0) return b;
        var (s, e) = lines[rng.NextInt(lines.Count)];
        var target = Lines(b);
        int at = target.Count == 0 ? 0 : target[rng.NextInt(target.Count)].Start;
        return Splice(b, at, 0, other.AsSpan(s, e - s));
    }

    private static byte[] Repeat(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        if (b.Length == 0) return b;
        int s = rng.NextInt(b.Length);
        int n = Math.Min(b.Length - s, rng.NextInt(1, 64));
        var chunk = b.AsSpan(s, n).ToArray();
        int times = rng.NextInt(2, 20);
        var run = Enumerable.Repeat(chunk, times).SelectMany(x => x).ToArray();
        return Splice(b, s, 0, run);
    }

    private static byte[] Utf16(SeededRandom rng, byte[] b, IReadOnlyList<(string, byte[])> _)
    {
        string s = Encoding.UTF8.GetString(b);
        var encoding = rng.NextDouble() < 0.5 ? Encoding.Unicode : Encoding.BigEndianUnicode;
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(s)];
    }
}
