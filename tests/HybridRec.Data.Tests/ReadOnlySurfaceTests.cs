namespace HybridRec.Data.Tests;

/// <summary>A table or feature matrix cannot be changed through the public API once built.</summary>
public class ReadOnlySurfaceTests
{
    [Fact]
    public void ARatingTableCopiesTheColumnsItIsGiven()
    {
        int[] users = [0, 1, 2];
        int[] items = [5, 6, 7];
        float[] stars = [1f, 2.5f, 4f];
        var table = new RatingTable(users, items, stars);
        Assert.Equal(users, table.Users);
        Assert.Equal(items, table.Items);
        Assert.Equal(stars, table.Stars);

        users[0] = 99;
        items[1] = 99;
        stars[2] = 99f;
        Assert.Equal([0, 1, 2], table.Users);
        Assert.Equal([5, 6, 7], table.Items);
        Assert.Equal([1f, 2.5f, 4f], table.Stars);
    }

    [Fact]
    public void ARatingTableStillChecksTheColumnLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new RatingTable([1, 2], [1], [1f, 2f]));
        Assert.Contains("users 2, items 1, stars 2", e.Message);
    }

    [Fact]
    public void SelectAndTakePickTheirRowsAndLeaveTheSourceAlone()
    {
        var table = new RatingTable([0, 1, 2, 3], [4, 5, 6, 7], [1f, 2f, 3f, 4f]);
        var taken = table.Take(2);
        var selected = table.Select([3, 0]);
        Assert.Equal([0, 1], taken.Users);
        Assert.Equal([4f, 1f], selected.Stars);
        Assert.Equal([7, 4], selected.Items);
        Assert.Equal([1f, 2f, 3f, 4f], table.Stars);
    }

    [Fact]
    public void SparseFeaturesCopyTheOffsetsIndicesAndVocabularyTheyAreGiven()
    {
        int[] offsets = [0, 2, 2, 3];
        int[] indices = [0, 2, 1];
        var vocabulary = new List<string> { "a", "b", "c" };
        var features = new SparseFeatures(offsets, indices, vocabulary);
        Assert.Equal(offsets, features.Offsets);
        Assert.Equal(indices, features.Indices);
        Assert.Equal(vocabulary, features.Vocabulary);

        offsets[1] = 1;
        indices[0] = 1;
        vocabulary[0] = "changed";
        vocabulary.Add("d");
        Assert.Equal([0, 2, 2, 3], features.Offsets);
        Assert.Equal([0, 2], features.Row(0));
        Assert.Equal(["a", "b", "c"], features.Vocabulary);
        Assert.Equal(3, features.Columns);
        // The vocabulary handed out cannot be written to either, not even through a cast.
        var list = Assert.IsAssignableFrom<IList<string>>(features.Vocabulary);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list[0] = "x");
    }

    [Fact]
    public void SparseFeaturesStillValidateWhatTheyCopy()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseFeatures([0, 2], [1, 0], ["a", "b"]));
        Assert.Contains("not sorted and distinct", e.Message);
        Assert.Throws<ArgumentException>(() => new SparseFeatures([0, 1], [2], ["a", "b"]));
    }

    [Fact]
    public void SparseFeaturesFromRowsDoNotKeepTheCallersVocabulary()
    {
        var vocabulary = new List<string> { "x", "y" };
        var features = SparseFeatures.FromRows([[1, 0, 1], []], vocabulary);
        vocabulary[1] = "z";
        Assert.Equal(["x", "y"], features.Vocabulary);
        Assert.Equal([0, 1], features.Row(0));
    }
}
