namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>
/// Bounded, deterministic fuzzing of every reader in the test suite: a fixed number of inputs per target under a
/// fixed seed, each of which must load or throw the documented exception (see <see cref="FuzzOracle"/>). The long
/// run (a million inputs per target and more) is <c>tests/HybridRec.Data.Fuzz</c>; see docs/robustness.md.
/// </summary>
public class FuzzTests
{
    /// <summary>The seed of the suite's inputs; the long run uses others.</summary>
    public const long Seed = 20260113;

    /// <summary>Inputs per target in the suite: 15–20 s for all eight targets here (Debug build, busy machine).</summary>
    public const int InputsPerTarget = 3000;

    /// <summary>A hang, not a slow input: inputs take well under a millisecond each.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Targets() => [.. FuzzTarget.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_input_loads_or_raises_the_documented_exception(string target)
    {
        var stats = FuzzRunner.Run(FuzzTarget.Named(target), Seed, 0, InputsPerTarget, HangLimit);
        string findings = Path.Combine(Path.GetTempPath(), "hybridrec-fuzz-findings");
        if (stats.Hung is not null)
            Assert.Fail($"input #{stats.Hung.Index} ran past {HangLimit.TotalSeconds} s; saved in {stats.Hung.Save(findings, "hang")}\n{stats.Summary()}");
        if (stats.BugCount > 0)
        {
            var lines = stats.Bugs.Select(b => $"#{b.Input.Index} {b.Kind}: {b.Detail.Split('\n')[0]} [saved in {b.Input.Save(findings, b.Kind + "\n" + b.Detail)}]");
            Assert.Fail($"{stats.BugCount} undocumented outcomes:\n{string.Join("\n", lines)}\n{stats.Summary()}");
        }
        Assert.Equal(InputsPerTarget, stats.Inputs);
        // The inputs reach both ends of the contract: some load, and rejections are of many kinds.
        Assert.InRange(stats.Loaded, InputsPerTarget / 50, InputsPerTarget - 1);
        Assert.True(stats.Messages.Count >= 10, $"only {stats.Messages.Count} kinds of rejection:\n{stats.MessageTable()}");
    }

    [Fact]
    public void Inputs_are_reproducible_from_target_seed_and_index()
    {
        foreach (var target in FuzzTarget.All)
        {
            var a = FuzzInput.Make(target, Seed, 12345);
            var b = FuzzInput.Make(target, Seed, 12345);
            Assert.Equal(a.Description, b.Description);
            Assert.Equal(a.Files.Select(f => f.Name), b.Files.Select(f => f.Name));
            Assert.True(a.Files.Zip(b.Files).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)));
            Assert.Equal(a.Zip, b.Zip);
            Assert.Equal(a.Options, b.Options);
        }
    }
}
