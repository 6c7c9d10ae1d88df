using System.CommandLine;
using System.CommandLine.Help;
using HybridRec.Bench.Cli;
using HybridRec.Bench.Configuration;
using HybridRec.Model;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>The command tree on System.CommandLine: commands, help with the library's defaults and the exit codes, typed options, completion.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] Commands = ["movielens", "compare", "validate", "tune", "synth", "throughput", "profile-step", "check-kernels", "device-info", "serve-bench", "coldstart", "foldin-bench"];

    [Fact]
    public void EveryCommandAndOptionHasHelp()
    {
        var (root, _) = BenchCommandLine.Create();
        Assert.Equal(Commands, root.Subcommands.Select(c => c.Name));
        foreach (var command in root.Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (var option in command.Options.Where(o => o is not HelpOption))
                Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command.Name} {option.Name}");
            // Each name once per command.
            Assert.Equal(command.Options.Count, command.Options.Select(o => o.Name).Distinct().Count());
        }
    }

    [Fact]
    public void HelpListsTheCommandsAndTheExitCodes()
    {
        var (code, output, error) = Bench.Run("--help");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        foreach (var c in Commands) Assert.Contains(c, output);
        Assert.Contains("Exit codes:", output);
        foreach (var line in new[] { "0  success", "1  bad data", "2  bad command line", "3  a bug" }) Assert.Contains(line, output);
        // No arguments: the same help, and exit code 2; 'help' works as before.
        var none = Bench.Run();
        Assert.Equal(2, none.Code);
        Assert.Contains("Exit codes:", none.Out);
        Assert.Equal(output, Bench.Run("help").Out);
    }

    [Fact]
    public void MainJobHelpShowsEveryFlagWithTheLibrarysDefaults()
    {
        var (code, output, _) = Bench.Run("movielens", "--help");
        Assert.Equal(0, code);
        Assert.Equal(output, Bench.Run("help", "movielens").Out);
        foreach (var flag in new[] { "--data", "--ratings", "--items", "--users", "--split", "--preset", "--config", "--epochs", "--batch-size", "--embedding-size",
                     "--learning-rate", "--adam", "--biases", "--embedding-l2", "--table-l2", "--dense-l2", "--init-range", "--user-features", "--ensemble",
                     "--validation", "--patience", "--lr-decay", "--epsilon", "--min-tag-count", "--refit", "--no-refit", "--backend", "--threads", "--seed",
                     "--split-seed", "--progress", "--memory-limit", "--user", "--top", "--no-ranking", "--relevant-at-least", "--export-split", "--save",
                     "--report", "--verbose", "--rating-blend", "Exit codes:" })
            Assert.Contains(flag, output);
        // The defaults shown are the presets' values, read from the library.
        Assert.Contains($"(tuned: {HybridPresets.Tuned.Training.Epochs}; seed: {HybridPresets.Original.Training.Epochs})", output);
        Assert.Contains($"(tuned: {HybridPresets.Tuned.Model.EmbeddingSize}; seed: {HybridPresets.Original.Model.EmbeddingSize})", output);
        Assert.Contains($"(tuned: {HybridPresets.Tuned.Training.EnsembleSize}; seed: {HybridPresets.Original.Training.EnsembleSize})", output);
    }

    [Fact]
    public void ThePresetsLieInsideTheRangesTheirFlagsAccept()
    {
        var options = new ConfigurationOptions();
        foreach (var preset in new[] { HybridPresets.Tuned, HybridPresets.Original })
            foreach (var h in options.All)
                Assert.Null(h.RangeProblem(preset));
    }

    [Theory]
    [InlineData("movielens --ad", "--adam")]
    [InlineData("movielens --adam ", "dense", "lazy")]
    [InlineData("movielens --backend ", "cpu", "cuda", "ilgpu-cpu")]
    [InlineData("validate --metric ", "ndcg", "rmse")]
    [InlineData("mov", "movielens")]
    public void TheSuggestDirectiveCompletes(string line, params string[] expected)
    {
        var (code, output, _) = Bench.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, code);
        var suggestions = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var e in expected) Assert.Contains(e, suggestions);
    }

    [Theory]
    [InlineData(new[] { "movielens", "--epochs", "zero" }, "option --epochs expects a whole number, got 'zero'")]
    [InlineData(new[] { "movielens", "--epochs", "0" }, "option --epochs must be between 1 and 100,000, got 0")]
    [InlineData(new[] { "movielens", "--epochs", "1", "--epochs", "2" }, "--epochs")]
    [InlineData(new[] { "movielens", "--bogus" }, "unknown option --bogus for 'movielens'")]
    [InlineData(new[] { "movielens", "--batch-sise", "3" }, "did you mean --batch-size?")]
    [InlineData(new[] { "movielens", "--batch-size" }, "--batch-size")]
    [InlineData(new[] { "movielens", "--backend", "tpu" }, "option --backend must be one of auto, cpu, ilgpu-cpu, cuda, opencl, got 'tpu'")]
    [InlineData(new[] { "movielens", "--data", "/nonexistent/ml-99m" }, "'/nonexistent/ml-99m' is neither a directory nor a file")]
    [InlineData(new[] { "movielens", "--config", "/nonexistent/config.json" }, "the file '/nonexistent/config.json' does not exist")]
    [InlineData(new[] { "movielens", "--refit", "--no-refit" }, "--refit and --no-refit contradict each other")]
    [InlineData(new[] { "movielens", "--adam", "lazy" }, "needs dense Adam")]
    [InlineData(new[] { "movielens", "--validation", "0", "--refit" }, "--refit needs a validation part")]
    [InlineData(new[] { "movielens", "--max-ratings", "5", "--ratings", "x.csv" }, "--max-ratings applies to MovieLens releases only")]
    [InlineData(new[] { "movielens", "--user-column", "customer" }, "a CSV import needs --ratings FILE")]
    [InlineData(new[] { "movielens", "--biases", "maybe" }, "option --biases must be one of on, off, got 'maybe'")]
    [InlineData(new[] { "movielens", "--rating-blend", "-1" }, "option --rating-blend must be between 0 and 1000, got -1")]
    [InlineData(new[] { "validate", "--rating-blend", "2", "--ranking-loss", "off" }, "RankingRatingBlend (2) needs a ranking head")]
    [InlineData(new[] { "throughput", "--backends", "cpu", "cuda" }, "unexpected argument 'cuda'")]
    [InlineData(new[] { "movielens", "extra" }, "unexpected argument 'extra' for 'movielens'")]
    [InlineData(new[] { "movielens", "--no-ranking", "yes" }, "unexpected argument 'yes' for 'movielens'")]
    [InlineData(new[] { "validate", "--split", "random" }, "unknown option --split for 'validate' (did you mean --split-seeds?)")]
    [InlineData(new[] { "validate", "--split-seeds", "3,x" }, "option --split-seeds: 'x' is not a whole number")]
    [InlineData(new[] { "throughput", "--adam", "lazy,fast" }, "option --adam: 'fast' is not one of lazy, dense")]
    [InlineData(new[] { "throughput", "--batch-sizes", "64,-1" }, "option --batch-sizes: '-1' is not a positive whole number")]
    [InlineData(new[] { "synth" }, "--out")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public void BadArgumentsGiveOneLineAndExitCode2(string[] args, string expected)
    {
        var (code, _, error) = Bench.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void OptionsLeftOutAreNullSoTheLibraryOrCommandDefaultApplies()
    {
        var seeds = CliOption.LongList("--seeds", "s");
        var sizes = CliOption.PositiveIntList("--sizes", "s");
        var words = CliOption.WordList("--words", "w", "a", "b");
        var number = CliOption.Int("--n", "n", 1, 10);
        var choice = CliOption.Word("--c", "c", "x", "y");
        var command = new RootCommand { seeds, sizes, words, number, choice };
        var none = command.Parse([]);
        Assert.Empty(none.Errors);
        Assert.Null(none.GetList(seeds));
        Assert.Null(none.GetList(sizes));
        Assert.Null(none.GetList(words));
        Assert.Null(none.GetValue(number));
        Assert.Null(none.GetValue(choice));
        var given = command.Parse(["--seeds", "1,-2", "--sizes", "64,1_024", "--words", "B,a", "--n", "10", "--c", "Y"]);
        Assert.Empty(given.Errors);
        Assert.Equal([1L, -2L], given.GetList(seeds)!);
        Assert.Equal([64, 1024], given.GetList(sizes)!);
        Assert.Equal(["b", "a"], given.GetList(words)!);
        Assert.Equal(10, given.GetValue(number));
        Assert.Equal("y", given.GetValue(choice));
    }

    [Theory]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("1000", 1000)]
    [InlineData("64 KiB", 64 << 10)]
    public void SizesParseWithBinaryUnits(string text, long bytes) => Assert.Equal(bytes, CliOption.ParseBytes(text));

    [Theory]
    [InlineData("")]
    [InlineData("-5MiB")]
    [InlineData("12 parsecs")]
    [InlineData("0")]
    public void BadSizesAreRejected(string text) => Assert.Null(CliOption.ParseBytes(text));
}
