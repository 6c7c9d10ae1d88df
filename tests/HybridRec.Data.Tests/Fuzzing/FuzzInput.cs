using System.IO.Compression;
using System.Text;
using HybridRec.Data.IO;

namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>A reader under fuzzing: a release layout, read from an in-memory directory or from a zip held in memory.</summary>
/// <param name="Name">The target's name, e.g. <c>dat-1m-zip</c>; also the release's name in messages.</param>
/// <param name="Layout">The seed corpus layout: <c>csv</c>, <c>dat-1m</c>, <c>dat-10m</c> or <c>ml-100k</c>.</param>
/// <param name="Zipped">Whether inputs are zipped (and sometimes the archive itself mutated).</param>
internal sealed record FuzzTarget(string Name, string Layout, bool Zipped)
{
    /// <summary>Every reader: the CSV releases, the '::' releases with users.dat (ml-1m) and without (ml-10m), ml-100k; each unzipped and zipped.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
        new[] { "csv", "dat-1m", "dat-10m", "ml-100k" }.SelectMany(l => new[] { new FuzzTarget(l, l, false), new FuzzTarget(l + "-zip", l, true) }).ToArray();

    /// <summary>The target named <paramref name="name"/>.</summary>
    public static FuzzTarget Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"unknown fuzz target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}.");

    /// <summary>The name the release is loaded under: the directory name, or the zip stream's name.</summary>
    public string SourceName => Zipped ? Name + ".zip" : Name;
}

/// <summary>
/// One fuzz input: a release's files (after mutation), the load options, and for zipped targets the archive bytes.
/// It depends only on (target, seed, index), so any input is reproduced from those three alone.
/// </summary>
internal sealed class FuzzInput
{
    private FuzzInput(FuzzTarget target, long seed, long index, List<(string Name, byte[] Bytes)> files, MovieLensLoadOptions options,
        byte[]? zip, string? zipFolder, bool containerMutated, string description)
    {
        Target = target;
        Seed = seed;
        Index = index;
        Files = files;
        Options = options;
        Zip = zip;
        ZipFolder = zipFolder;
        ContainerMutated = containerMutated;
        Description = description;
    }

    public FuzzTarget Target { get; }

    public long Seed { get; }

    public long Index { get; }

    /// <summary>The release's files as loaded (for a zip, as they were zipped).</summary>
    public List<(string Name, byte[] Bytes)> Files { get; }

    public MovieLensLoadOptions Options { get; }

    /// <summary>The archive, for zipped targets.</summary>
    public byte[]? Zip { get; }

    /// <summary>The top folder of the archive's entries ("ml-fuzz/") or "".</summary>
    public string? ZipFolder { get; }

    /// <summary>Whether the archive's bytes were mutated after zipping (then entries may not match <see cref="Files"/>).</summary>
    public bool ContainerMutated { get; }

    /// <summary>The seed release and the mutations applied.</summary>
    public string Description { get; }

    /// <summary>Bytes of the input: files, or the archive.</summary>
    public long Size => Zip?.Length ?? Files.Sum(f => (long)f.Bytes.Length);

    /// <summary>Makes input <paramref name="index"/> of <paramref name="target"/> under <paramref name="seed"/>.</summary>
    public static FuzzInput Make(FuzzTarget target, long seed, long index)
    {
        var rng = SeededRandom.For(seed ^ (long)((ulong)index * 0x9E3779B97F4A7C15UL), "fuzz-" + target.Name);
        int corpus = rng.NextInt(FuzzCorpus.SeedsPerLayout);
        var description = new List<string> { $"seed release {target.Layout}#{corpus}" };
        var files = FuzzCorpus.Seed(target.Layout, corpus);
        // About one input in eight stays valid, so the loaders' success paths and invariants are checked too.
        if (rng.NextDouble() >= 0.125) files = FuzzMutator.Mutate(rng, files, description);
        var options = MakeOptions(rng, description);
        if (!target.Zipped) return new FuzzInput(target, seed, index, files, options, null, null, false, string.Join("; ", description));

        string folder = rng.NextDouble() < 0.5 ? "ml-fuzz/" : "";
        var zip = ZipOf(rng, files, folder);
        bool mutated = rng.NextDouble() < 0.3;
        if (mutated) zip = FuzzMutator.MutateContainer(rng, zip, description);
        return new FuzzInput(target, seed, index, files, options, zip, folder, mutated, string.Join("; ", description));
    }

    private static MovieLensLoadOptions MakeOptions(SeededRandom rng, List<string> description)
    {
        var o = new MovieLensLoadOptions { MinTagCount = rng.NextInt(0, 4) };
        if (rng.NextDouble() < 0.1) o = o with { MaxRatings = rng.NextInt(1, 11) };
        if (rng.NextDouble() < 0.2) o = o with { Duplicates = DuplicateRatingPolicy.Error };
        if (rng.NextDouble() < 0.3) o = o with { MaxLineLength = rng.NextInt(16, 1025) };
        if (rng.NextDouble() < 0.05) o = o with { MaxFileBytes = rng.NextInt(16, 4097) };
        if (rng.NextDouble() < 0.05) o = o with { RecordCapacity = rng.NextInt(1, 31) };
        var d = new MovieLensLoadOptions();
        description.Add($"options: min tags {o.MinTagCount}" +
                        (o.MaxRatings is int m ? $", max ratings {m}" : "") +
                        (o.Duplicates != d.Duplicates ? ", duplicates error" : "") +
                        (o.MaxLineLength != d.MaxLineLength ? $", max line {o.MaxLineLength}" : "") +
                        (o.MaxFileBytes != d.MaxFileBytes ? $", max file {o.MaxFileBytes}" : "") +
                        (o.RecordCapacity != d.RecordCapacity ? $", capacity {o.RecordCapacity}" : ""));
        return o;
    }

    private static readonly DateTimeOffset Timestamp = new(2026, 1, 13, 12, 0, 0, TimeSpan.Zero);

    private static byte[] ZipOf(SeededRandom rng, List<(string Name, byte[] Bytes)> files, string folder)
    {
        var level = new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal }[rng.NextInt(3)];
        using var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (folder.Length > 0 && rng.NextDouble() < 0.5) archive.CreateEntry(folder).LastWriteTime = Timestamp;
            foreach (var (name, bytes) in files)
            {
                var entry = archive.CreateEntry(folder + name, level);
                entry.LastWriteTime = Timestamp; // not the clock's: an input is the same bytes on every run
                using var s = entry.Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

    /// <summary>Loads the input the way a user would: a directory-like source, or a zip stream.</summary>
    public RatingDataset Load()
    {
        if (Zip is not null) return MovieLensLoader.Load(new MemoryStream(Zip, writable: false), Target.SourceName, Options);
        using var source = new MemorySource(Target.SourceName, Files);
        return MovieLensLoader.Load(source, Options);
    }

    /// <summary>
    /// The lines of the file an error names, when the file can be told from its display path; else null. Line breaks
    /// are LF, CRLF and a lone CR: the headerless readers count LF only, CsvHelper counts all three.
    /// </summary>
    public long? LineCountOf(string displayPath)
    {
        if (ContainerMutated) return null;
        string prefix = Zip is null ? Target.SourceName + "/" : Target.SourceName + "!" + ZipFolder;
        if (!displayPath.StartsWith(prefix, StringComparison.Ordinal)) return null;
        string name = displayPath[prefix.Length..];
        foreach (var (file, bytes) in Files)
        {
            if (file == name) return bytes.AsSpan().Count((byte)'\n') + bytes.AsSpan().Count((byte)'\r') - bytes.AsSpan().Count("\r\n"u8) + 1;
        }
        return null;
    }

    /// <summary>Writes the input under <paramref name="directory"/> (its files or archive, and a note of how it was made) and returns the folder.</summary>
    public string Save(string directory, string why)
    {
        string dir = Path.Combine(directory, $"{Target.Name}-seed{Seed}-{Index}");
        Directory.CreateDirectory(dir);
        if (Zip is not null) File.WriteAllBytes(Path.Combine(dir, Target.SourceName), Zip);
        else
        {
            string release = Path.Combine(dir, "release");
            Directory.CreateDirectory(release);
            foreach (var (name, bytes) in Files) File.WriteAllBytes(Path.Combine(release, name), bytes);
        }
        File.WriteAllText(Path.Combine(dir, "input.txt"),
            $"target {Target.Name}, seed {Seed}, index {Index}\n{Description}\n{why}\n", Encoding.UTF8);
        return dir;
    }
}
