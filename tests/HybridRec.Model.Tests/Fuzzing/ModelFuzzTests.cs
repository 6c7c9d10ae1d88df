namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>
/// Bounded, deterministic fuzzing of the model file reader in the test suite: a fixed number of inputs under a fixed
/// seed, each of which must load and serve finite predictions or throw <see cref="InvalidDataException"/> naming the
/// input (see <see cref="ModelFuzzOracle"/>). The long run (a million inputs and more) is
/// <c>tests/HybridRec.Model.Fuzz</c>; see docs/model-files.md.
/// </summary>
public sealed class ModelFuzzTests
{
    /// <summary>The seed of the suite's inputs; the long run uses others.</summary>
    public const long Seed = 20260113;

    /// <summary>Inputs in the suite: a few seconds on one core here (Debug build).</summary>
    public const int Inputs = 6000;

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public void EveryInputLoadsOrRaisesTheDocumentedException()
    {
        var stats = ModelFuzzRunner.Run(Seed, 0, Inputs, HangLimit);
        string findings = Path.Combine(Path.GetTempPath(), "hybridrec-model-fuzz-findings");
        if (stats.Hung is not null)
            Assert.Fail($"input {stats.Hung} ran past {HangLimit.TotalSeconds} s; saved in {stats.Hung.Save(findings, "hang")}\n{stats.Summary()}");
        if (stats.BugCount > 0)
        {
            var lines = stats.Bugs.Select(b => $"{b.Input}: {b.Kind}: {b.Detail.Split('\n')[0]} [saved in {b.Input.Save(findings, b.Kind + "\n" + b.Detail)}]");
            Assert.Fail($"{stats.BugCount} undocumented outcomes:\n{string.Join("\n", lines)}\n{stats.Summary()}");
        }
        Assert.Equal(Inputs, stats.Inputs);
        // Both ends of the contract are reached, and every stage of the reader rejects something: in particular the
        // semantic checks, which only inputs with a recomputed checksum reach.
        Assert.InRange(stats.Loaded, Inputs / 10, Inputs / 2);
        foreach (var stage in new[] { "magic", "version", "truncated", "corrupted", "structure", "semantic" })
            Assert.True(stats.Stages.GetValueOrDefault(stage) > 0, $"no input was rejected at stage '{stage}':\n{stats.Breakdown()}");
        Assert.True(stats.Stages["semantic"] > Inputs / 5, stats.Breakdown());
        Assert.True(stats.Messages.Count >= 40, $"only {stats.Messages.Count} kinds of rejection:\n{stats.MessageTable()}");
    }

    /// <summary>Inputs the long runs found bugs with (seed, index), kept once fixed.</summary>
    public static TheoryData<long, long> Findings() => new()
    {
        { 1, 618828 },   // scale -1e38 to 7e37 in steps of 0.1: 1.7e39 "whole" steps; now more steps than a float tells apart
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void InputsOfEarlierFindingsHoldTheContract(long seed, long index)
    {
        var input = ModelFuzzInput.Make(seed, index);
        string directory = Directory.CreateTempSubdirectory("hybridrec-model-fuzz-").FullName;
        try
        {
            var outcome = ModelFuzzOracle.Run(input, directory);
            Assert.True(outcome.Verdict != FuzzVerdict.Bug, $"{input}: {outcome.Kind}: {outcome.Example}");
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void InputsAreReproducibleFromSeedAndIndex()
    {
        foreach (long index in new long[] { 0, 1, 777, 123456 })
        {
            var a = ModelFuzzInput.Make(Seed, index);
            var b = ModelFuzzInput.Make(Seed, index);
            Assert.Equal(a.ToString(), b.ToString());
            Assert.Equal(a.Bytes, b.Bytes);
        }
    }

    [Fact]
    public void TheSeedsAreValidModelsThatTheImageRewritesByteForByte()
    {
        foreach (var (name, file) in ModelFuzzSeeds.All)
        {
            var model = HybridModel.Load(new MemoryStream(file), name);
            Assert.True(model.Members.Count >= 1, name);
            // The fuzzer's independent writer reproduces the library's bytes, so its mutations start from the real format.
            Assert.Equal(file, ModelImage.Decode(file).ToFile());
        }
    }
}
