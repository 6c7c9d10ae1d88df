namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>
/// Inputs the fuzzer found breaking the contract on the readers before issue 13's change (commit f886e11), kept as
/// they were generated (Regressions/, each named after what it exercises): corrupt archives raised
/// <see cref="InvalidDataException"/>, a header-only rating file loaded an empty dataset, and a release of a few
/// hundred bytes allocated 38 MB.
/// </summary>
public class FuzzRegressionTests
{
    private static string Input(string name) => Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Regressions", name);

    [Theory]
    [InlineData("eocd-entry-count.zip", "", "is neither a directory nor a readable zip archive")] // csv-zip, seed 3, #100: the end record's entry count altered
    [InlineData("local-header-corrupt.zip", "!ml-fuzz/users.dat", "the archive entry cannot be opened")] // dat-1m-zip, seed 3, #103
    [InlineData("deflate-corrupt.zip", "!ml-fuzz/ratings.dat", "the compressed data cannot be decoded")] // dat-10m-zip, seed 3, #56
    public void Corrupt_archives_raise_the_documented_exception_naming_archive_and_entry(string zip, string entry, string problem)
    {
        string path = Input(zip);
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(path));
        Assert.Equal(path + entry, e.File);
        Assert.Equal(0, e.Line);
        Assert.StartsWith(problem, e.Problem);
    }

    [Fact]
    public void A_header_only_rating_file_is_no_ratings_not_an_empty_dataset()
    {
        // csv, seed 3, #13351: a truncated ratings.csv holding only its header.
        string path = Input("header-only-ratings");
        var e = Assert.Throws<DatasetFormatException>(() => MovieLensLoader.Load(path));
        Assert.Equal(Path.Combine(path, "ratings.csv"), e.File);
        Assert.StartsWith("no ratings", e.Problem);
    }

    [Fact]
    public void A_tiny_release_allocates_in_proportion_to_its_size()
    {
        // ml-100k, seed 3, #10: 949 bytes with a split allocated 38 MB (three 4 MiB rating columns per rating file).
        string path = Input("tiny-ml-100k");
        MovieLensLoader.Load(path); // warm up: first-use allocations of the runtime are not the loader's
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ds = MovieLensLoader.Load(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(["u1"], ds.PredefinedSplits.Keys);
        Assert.InRange(allocated, 0, 2L << 20);
    }
}
