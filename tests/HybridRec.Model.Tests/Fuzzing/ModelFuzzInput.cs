using HybridRec.Data;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>How the oracle reads an input: from a seekable stream, a stream that cannot seek, asynchronously, or from a file.</summary>
internal enum LoadMode
{
    Stream,
    NonSeekableStream,
    AsyncStream,
    File,
}

/// <summary>
/// One fuzz input, made from (seed, index) alone: a seed model file, a mutation family and its mutations, and how
/// it is read. One in eight is a seed left valid; semantic mutations (checksum recomputed) are half of the rest.
/// </summary>
internal sealed record ModelFuzzInput(long Seed, long Index, string SeedName, string Family, string Description, LoadMode Mode, byte[] Bytes)
{
    /// <summary>The name the oracle gives the input (its file name, or the stream's source name).</summary>
    public string Name => $"fuzz-{Seed}-{Index}.hrec";

    /// <summary>The input <paramref name="index"/> of the run seeded <paramref name="seed"/>.</summary>
    public static ModelFuzzInput Make(long seed, long index)
    {
        var rng = SeededRandom.For(seed, $"model-fuzz:{index}");
        var seeds = ModelFuzzSeeds.All;
        var (seedName, file) = seeds[rng.NextInt(seeds.Count)];
        int mode = rng.NextInt(64);
        var load = mode < 2 ? LoadMode.File : mode < 18 ? LoadMode.NonSeekableStream : mode < 30 ? LoadMode.AsyncStream : LoadMode.Stream;
        int family = rng.NextInt(16);
        if (family < 2) return new(seed, index, seedName, "valid", "unchanged", load, file);
        var image = ModelImage.Decode(file);
        var (bytes, description, name) = family switch
        {
            < 9 => With(ModelFuzzMutator.Semantic(image, rng), "semantic"),
            < 11 => With(ModelFuzzMutator.Length(image, rng), "length"),
            < 13 => With(ModelFuzzMutator.Payload(image, rng), "payload"),
            _ => With(ModelFuzzMutator.Raw(file, rng), "raw"),
        };
        return new(seed, index, seedName, name, description, load, bytes);
    }

    private static (byte[], string, string) With((byte[] File, string Description) mutation, string family) => (mutation.File, mutation.Description, family);

    /// <summary>One line: index, seed file, family, mutations and load mode.</summary>
    public override string ToString() => $"#{Index} {SeedName} {Family} ({Description}) via {Mode}, {Bytes.Length:N0} bytes";

    /// <summary>Saves the input and <paramref name="detail"/> under <paramref name="directory"/>; returns the file's path.</summary>
    public string Save(string directory, string detail)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, Name);
        System.IO.File.WriteAllBytes(path, Bytes);
        System.IO.File.WriteAllText(path + ".txt", $"{this}\n{detail}\n");
        return path;
    }
}
