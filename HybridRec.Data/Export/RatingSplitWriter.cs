using System.Globalization;
using System.Text;
using HybridRec.Data.Synthetic;

namespace HybridRec.Data;

/// <summary>
/// Writes the exact training and test ratings of a split as <c>train.csv</c> and <c>test.csv</c>, so that another
/// library can be scored on the same split: MovieLens column names (<c>userId,movieId,rating</c>, whatever the
/// data's source), raw ids, the rating values of the data (written with at least one decimal, as MovieLens CSV
/// releases write them; the shortest text that reads back as the same value), one rating per line in the split's
/// order, UTF-8, <c>\n</c> line ends. There is no timestamp column: the loaders keep no timestamps. Both files are
/// written to temporary names and renamed into place only when both are complete, so a failure leaves no half
/// file under either name. <see cref="CsvDatasetImporter"/> reads them back (columns <c>userId</c>, <c>movieId</c>,
/// <c>rating</c>, with an items file listing the items).
/// </summary>
public static class RatingSplitWriter
{
    /// <summary>Name of the training ratings file.</summary>
    public const string TrainFile = "train.csv";

    /// <summary>Name of the test ratings file.</summary>
    public const string TestFile = "test.csv";

    /// <summary>The user id column.</summary>
    public const string UserColumn = "userId";

    /// <summary>The item id column.</summary>
    public const string ItemColumn = "movieId";

    /// <summary>The rating column.</summary>
    public const string RatingColumn = "rating";

    /// <summary>
    /// Writes <paramref name="split"/> (indices of <paramref name="data"/>) into <paramref name="directory"/> (created
    /// when missing; existing files of the same names are replaced). Returns the two paths.
    /// </summary>
    public static (string Train, string Test) Write(RatingDataset data, RatingSplit split, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        using var files = new AtomicFileSet(directory);
        WriteTable(files, TrainFile, split.Train, data);
        WriteTable(files, TestFile, split.Test, data);
        files.Commit();
        string full = Path.GetFullPath(directory);
        return (Path.Combine(full, TrainFile), Path.Combine(full, TestFile));
    }

    /// <summary>The text a rating value is written as: the shortest round-trip form, with <c>.0</c> added to whole numbers (<c>4.0</c>, <c>3.5</c>).</summary>
    public static string FormatRating(float rating)
    {
        string text = rating.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 && float.IsFinite(rating) ? text + ".0" : text;
    }

    private static void WriteTable(AtomicFileSet files, string name, RatingTable table, RatingDataset data)
    {
        var stream = files.Begin(name);
        using (var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            w.Write(UserColumn);
            w.Write(',');
            w.Write(ItemColumn);
            w.Write(',');
            w.Write(RatingColumn);
            w.Write('\n');
            for (int i = 0; i < table.Count; i++)
            {
                w.Write(data.Users.GetRawId(table.Users[i]).ToString(CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(data.Items.GetRawId(table.Items[i]).ToString(CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(FormatRating(table.Stars[i]));
                w.Write('\n');
            }
        }
        files.End(table.Count + 1);
    }
}
