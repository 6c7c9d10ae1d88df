using HybridRec.Bench.Cli;
using HybridRec.Data;
using HybridRec.Data.Synthetic;
using HybridRec.Model;
using HybridRec.Model.Training;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>
/// The rows of issue 13's table that are command-line behaviours, and the other inputs the main job checks where they
/// enter: each bad input is one line on stderr, exit code 1 (data) or 2 (usage), no stack trace, and nothing is trained.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const long ThreeGiB = 3L << 30;
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TinyRelease()
    {
        string data = Path.Combine(_dir, "tiny");
        if (!Directory.Exists(data))
            SyntheticMovieLens.Write(new SyntheticOptions { Users = 30, Movies = 40, Ratings = 900, TagApplications = 100, TagVocabulary = 8, Seed = 2 }, data);
        return data;
    }

    private string Json(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Runs the command, asserts the exit code and a single line on stderr without a stack trace or training, and returns that line.</summary>
    private static string Fails(int code, params string[] args)
    {
        var (exit, output, error) = Bench.Run(args);
        Assert.True(exit == code, $"exit {exit}, expected {code}; stderr: {error}");
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("epoch ", output);    // nothing was trained
        return error.Trim();
    }

    [Fact]
    public void AHeaderOnlyRatingsFileNextToAValidMoviesFileIsADataErrorNamingTheFile()
    {
        string data = Path.Combine(_dir, "header-only");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "ratings.csv"), "userId,movieId,rating,timestamp\n");
        File.WriteAllText(Path.Combine(data, "movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Comedy\n");
        string error = Fails(1, "movielens", "--data", data, "--epochs", "1");
        Assert.Contains(Path.Combine(data, "ratings.csv"), error);
        Assert.Contains("no ratings", error);
    }

    [Theory]
    [InlineData("{\"adam\":null}", "$.adam")]                                    // the table's row: no such field at the top level
    [InlineData("{\"training\":{\"adam\":null}}", "$.training.adam")]            // the field where it lives: a null the options do not hold
    [InlineData("{\"model\":null}", "$.model")]
    [InlineData("{\"training\":{\"epochs\":\"two\"}}", "$.training.epochs")]
    [InlineData("{\"batch_size\":2147483647,\"epochs\":2}", "$.batch_size")]     // the table's row as written: unknown top-level fields
    [InlineData("{\"training\":{\"batch_size\":2147483647,\"epochs\":2}}", "field training.batch_size: 2147483647 is outside 1–16777216, the range of --batch-size")]
    [InlineData("{\"model\":{\"embedding_size\":100000}}", "field model.embedding_size")]
    [InlineData("{\"training\":{\"validation_fraction\":0.95}}", "field training.validation_fraction")]
    public void ABadConfigurationFileIsADataErrorNamingTheFileAndTheField(string json, string expected)
    {
        string path = Json("bad.json", json);
        string error = Fails(1, "movielens", "--data", TinyRelease(), "--config", path);
        Assert.Contains(path, error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ABatchLargerThanTheFittingPartIsRejectedNamingWhereItCameFrom()
    {
        // 900 ratings: 720 in training, 72 of them held out for validation, 648 to fit on.
        string path = Json("batch.json", "{\"training\":{\"batch_size\":5000,\"epochs\":2}}");
        string error = Fails(2, "movielens", "--data", TinyRelease(), "--config", path);
        Assert.Contains($"training.batch_size 5000 in '{path}'", error);
        Assert.Contains("larger than the 648 ratings each model fits on", error);
        Assert.Contains("at most 648", error);

        error = Fails(2, "movielens", "--data", TinyRelease(), "--batch-size", "649");
        Assert.Contains("(--batch-size 649)", error);
        // Exactly the fitting part is one step per epoch, and trains.
        var (code, output, stderr) = Bench.Run("movielens", "--data", TinyRelease(), "--batch-size", "648", "--epochs", "1", "--ensemble", "1", "--no-ranking");
        Assert.True(code == 0, stderr);
        Assert.Contains("batch 648", output);
    }

    [Fact]
    public void AnEmptyTestPartIsAUsageError()
    {
        string error = Fails(2, "movielens", "--data", TinyRelease(), "--split", "random:0.000001");
        Assert.Contains("--split random:0.000001: the test part is empty", error);
        Assert.Contains("0.000001 × 900 ratings rounds to 0 test", error);
        Assert.Contains("the training part is empty", Fails(2, "movielens", "--data", TinyRelease(), "--split", "random:0.9999999"));
        Assert.Contains("must be a number between 0 and 1", Fails(2, "movielens", "--data", TinyRelease(), "--split", "random:1"));
        Assert.Contains("has no predefined split 'u1'", Fails(2, "movielens", "--data", TinyRelease(), "--split", "u1"));
    }

    [Fact]
    public void AnEmptyValidationPartIsAUsageErrorWhenEarlyStoppingOrTheRefitNeedIt()
    {
        string error = Fails(2, "movielens", "--data", TinyRelease(), "--validation", "0.0001");
        Assert.Contains("the validation part is empty: --validation 0.0001 of 720 training ratings rounds to 0 ratings", error);
        Assert.Contains("early stopping (patience 3), restoring the best epoch and the refit need one", error);
        // Nothing needs it: a notice, and the epochs say they were not validated.
        var (code, output, stderr) = Bench.Run("movielens", "--data", TinyRelease(), "--validation", "0.0001", "--preset", "seed", "--epochs", "1", "--no-ranking");
        Assert.True(code == 0, stderr);
        Assert.Contains("warning: the validation part is empty", output);
        Assert.Contains("no validation part", output);
        Assert.Contains("--patience needs a validation part", Fails(2, "movielens", "--data", TinyRelease(), "--validation", "0", "--patience", "2"));
    }

    [Fact]
    public void TrainingOverTheMemoryLimitIsRefusedWithTheEstimate()
    {
        string error = Fails(2, "movielens", "--data", TinyRelease(), "--memory-limit", "1MiB");
        Assert.Contains("training needs about", error);
        Assert.Contains("parameters per model", error);
        Assert.Contains("more than the 1.0 MiB of --memory-limit", error);
        Assert.Contains("lower the embedding size (the tuned preset's --embedding-size 20)", error);
        Assert.Contains("option --memory-limit expects a size", Fails(2, "movielens", "--memory-limit", "lots"));
    }

    [Fact]
    public void OutputPathsAreCheckedBeforeAnythingIsLoadedOrTrained()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        Assert.Contains($"--report {Path.Combine(file, "report.json")}: cannot write there", Fails(2, "movielens", "--data", TinyRelease(), "--report", Path.Combine(file, "report.json")));
        Assert.Contains("that is a directory", Fails(2, "movielens", "--data", TinyRelease(), "--save", _dir));
        Assert.Contains("--export-split", Fails(2, "movielens", "--data", TinyRelease(), "--export-split", file));
        Assert.Contains("--out", Fails(2, "compare", "--data", TinyRelease(), "--out", file));
        Assert.Contains("--out", Fails(2, "tune", "--data", TinyRelease(), "--out", file));
        Assert.Contains("--out", Fails(2, "synth", "--out", file, "--users", "5", "--movies", "5", "--ratings", "100"));
        Assert.Contains("--export-split", Fails(2, "validate", "--data", TinyRelease(), "--export-split", file));
        var (_, output, _) = Bench.Run("movielens", "--data", TinyRelease(), "--save", _dir);
        Assert.DoesNotContain("loaded", output);  // refused before loading
    }

    [Theory]
    [InlineData("movies.dat", "ratings.dat", "")]                                              // a sparse 3 GB movies.dat next to an empty ratings.dat
    [InlineData("ratings.csv", "movies.csv", "movieId,title,genres\n1,A (1990),Drama\n")]    // a 3 GB ratings.csv of one line
    public void A3GBFileOfOneLineIsALocatedDataErrorWithoutReadingIt(string big, string other, string otherText)
    {
        string data = Path.Combine(_dir, "sparse-" + big);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, other), otherText);
        using (var fs = new FileStream(Path.Combine(data, big), FileMode.Create, FileAccess.Write)) fs.SetLength(ThreeGiB); // a hole: reads as zeros
        string error = Fails(1, "movielens", "--data", data);
        Assert.Contains(Path.Combine(data, big) + " line 1", error);
        Assert.Contains("line longer than", error);
    }

    [Fact]
    public void TrainingThatDivergesIsADataErrorNamingTheMemberAndEpoch()
    {
        // The command line caps --learning-rate at 10, at which Adam's bounded steps do not diverge on a few epochs; the
        // library accepts any finite rate, so the exception comes from it and the policy is checked on that exception.
        var data = MovieLensLoader.Load(TinyRelease());
        var split = RatingSplits.Random(data.Ratings, 0.2, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => HybridTrainer.Train(data, split.Train,
            new HybridModelOptions { EmbeddingSize = 4 },
            new TrainingOptions { Epochs = 2, BatchSize = 64, EnsembleSize = 1, ProgressInterval = 0, Adam = new AdamOptions { LearningRate = 1e30f } }));
        var (code, message) = ErrorPolicy.Classify(new AggregateException(e));
        Assert.Equal(1, code);
        Assert.DoesNotContain("\n", message);
        Assert.StartsWith("training diverged: ensemble member 1/1, epoch 1", message);
        Assert.Contains("lower the learning rate", message);
    }

    [Fact]
    public void VerbosePrintsTheStackTraceAfterTheLine()
    {
        string data = Path.Combine(_dir, "header-only-verbose");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "ratings.csv"), "userId,movieId,rating,timestamp\n");
        File.WriteAllText(Path.Combine(data, "movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n");
        var (code, _, error) = Bench.Run("movielens", "--data", data, "--verbose");
        Assert.Equal(1, code);
        var lines = error.TrimEnd().Split('\n');
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(typeof(DatasetFormatException).FullName!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnexpectedExceptionIsReportedAsABugWithItsTypeAndExitCode3()
    {
        var (code, message) = ErrorPolicy.Classify(new NullReferenceException("Object reference not set to an instance of an object."));
        Assert.Equal(3, code);
        Assert.Contains("bug", message);
        Assert.Contains("NullReferenceException: Object reference not set", message);
        Assert.Contains("--verbose", message);
        // Wrapped expected errors keep their own code; wrapped bugs stay bugs.
        Assert.Equal(1, ErrorPolicy.Classify(new AggregateException(new DatasetFormatException("f.csv", 2, "rating", "x", "not a number"))).Code);
        Assert.Equal(3, ErrorPolicy.Classify(new AggregateException(new IndexOutOfRangeException())).Code);
        Assert.Equal(2, ErrorPolicy.Classify(new UsageException("u")).Code);
        Assert.Equal(3, ErrorPolicy.Classify(new InvalidOperationException("Collection was modified.")).Code);
    }
}
