using System.Text;
using HybridRec.Data;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Evaluation;

/// <summary>
/// <see cref="RatingSplitWriter"/> → <see cref="CsvDatasetImporter"/>: the re-imported files hold the same split, and
/// the popularity baseline scores the same on them as on the original split.
/// </summary>
public sealed class SplitExportRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ExportedSplitReimportsToTheSameRatingsAndTheSamePopularityNdcg()
    {
        var data = SyntheticDataset.Create(users: 40, movies: 35, ratingsPerUser: 14);
        var split = RatingSplits.Random(data.Ratings, 0.2, 17);
        var (trainPath, testPath) = RatingSplitWriter.Write(data, split, Path.Combine(_dir, "split"));

        // The importer needs the item list; the split files need nothing else.
        string items = Path.Combine(_dir, "movies.csv");
        var sb = new StringBuilder("movieId,title\n");
        for (int m = 0; m < data.Items.Count; m++) sb.Append(data.Items.GetRawId(m)).Append(',').Append(data.ItemNames[m]).Append('\n');
        File.WriteAllText(items, sb.ToString());
        RatingDataset Import(string ratings) => CsvDatasetImporter.Load(new CsvImportOptions
        {
            RatingsFile = ratings, ItemsFile = items,
            UserColumn = RatingSplitWriter.UserColumn, ItemColumn = RatingSplitWriter.ItemColumn, RatingColumn = RatingSplitWriter.RatingColumn,
            Scale = data.Scale,
        });
        var train = Import(trainPath);
        var test = Import(testPath);
        Assert.Equal(Raw(data, split.Train), Raw(train, train.Ratings));
        Assert.Equal(Raw(data, split.Test), Raw(test, test.Ratings));
        Assert.Equal(0, train.Report.DuplicateRatings);

        // One index space for both files (users that appear in one file only included), then the same protocol.
        var users = IdMap.FromRawIds(train.Users.RawIds.ToArray().Concat(test.Users.RawIds.ToArray()));
        Assert.Equal(data.Items.RawIds.ToArray(), train.Items.RawIds.ToArray());
        var reimported = RankingEvaluator.EvaluatePopularity(Reindex(train, users), Reindex(test, users), users.Count, train.Items.Count);
        var original = RankingEvaluator.EvaluatePopularity(split.Train, split.Test, data.Users.Count, data.Items.Count);
        Assert.True(original.UsersEvaluated > 10);
        Assert.Equal(original, reimported);
    }

    /// <summary>The ratings as (raw user, raw item, rating), in file order.</summary>
    private static List<(int User, int Item, float Stars)> Raw(RatingDataset data, RatingTable table) =>
        [.. Enumerable.Range(0, table.Count).Select(i => (data.Users.GetRawId(table.Users[i]), data.Items.GetRawId(table.Items[i]), table.Stars[i]))];

    private static RatingTable Reindex(RatingDataset data, IdMap users) =>
        new([.. data.Ratings.Users.ToArray().Select(u => users.GetIndex(data.Users.GetRawId(u)))], data.Ratings.Items, data.Ratings.Stars);
}
