namespace HybridRec.Data;

/// <summary>
/// Ratings as a compact struct-of-arrays: for rating <c>i</c>, <c>Users[i]</c> and <c>Items[i]</c> are
/// contiguous indices (see <see cref="IdMap"/>) and <c>Stars[i]</c> the rating on the dataset's scale (stars for
/// MovieLens). 12 bytes a rating, so the 25M ratings of ml-25m take 300 MB. Timestamps are not kept: the model does
/// not use them.
/// </summary>
public sealed class RatingTable
{
    /// <summary>Wraps the three arrays (not copied); they must have equal length.</summary>
    public RatingTable(int[] users, int[] items, float[] stars)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stars);
        if (users.Length != items.Length || users.Length != stars.Length)
            throw new ArgumentException($"column lengths differ: users {users.Length}, items {items.Length}, stars {stars.Length}.");
        Users = users;
        Items = items;
        Stars = stars;
    }

    /// <summary>An empty table.</summary>
    public static RatingTable Empty { get; } = new([], [], []);

    /// <summary>User index of each rating.</summary>
    public int[] Users { get; }

    /// <summary>Item index of each rating.</summary>
    public int[] Items { get; }

    /// <summary>The rating value of each rating (stars for MovieLens).</summary>
    public float[] Stars { get; }

    /// <summary>Number of ratings.</summary>
    public int Count => Users.Length;

    /// <summary>A new table holding the ratings at <paramref name="indices"/>, in that order.</summary>
    public RatingTable Select(ReadOnlySpan<int> indices)
    {
        var u = new int[indices.Length];
        var m = new int[indices.Length];
        var s = new float[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            u[k] = Users[i];
            m[k] = Items[i];
            s[k] = Stars[i];
        }
        return new RatingTable(u, m, s);
    }

    /// <summary>A new table holding the first <paramref name="count"/> ratings.</summary>
    public RatingTable Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Count);
        return new RatingTable(Users[..count], Items[..count], Stars[..count]);
    }
}
