namespace HybridRec.Data;

/// <summary>
/// Ratings as a compact, immutable struct-of-arrays: for rating <c>i</c>, <c>Users[i]</c> and <c>Items[i]</c> are
/// contiguous indices (see <see cref="IdMap"/>) and <c>Stars[i]</c> the rating on the dataset's scale (stars for
/// MovieLens). 12 bytes a rating, so the 25M ratings of ml-25m take 300 MB. Timestamps are not kept: the model does
/// not use them. The columns are handed out read-only, so a table cannot change once built.
/// </summary>
public sealed class RatingTable
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _stars;

    /// <summary>Creates a table from a copy of the three columns; they must have equal length.</summary>
    /// <exception cref="ArgumentException">The column lengths differ.</exception>
    public RatingTable(ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<float> stars)
    {
        CheckLengths(users.Length, items.Length, stars.Length);
        _users = users.ToArray();
        _items = items.ToArray();
        _stars = stars.ToArray();
    }

    private RatingTable(int[] users, int[] items, float[] stars)
    {
        _users = users;
        _items = items;
        _stars = stars;
    }

    /// <summary>
    /// Wraps the three arrays without copying: the table owns them from now on and nobody may change them. For the
    /// library's own readers and builders, which have just filled the arrays.
    /// </summary>
    internal static RatingTable Own(int[] users, int[] items, float[] stars)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stars);
        CheckLengths(users.Length, items.Length, stars.Length);
        return new RatingTable(users, items, stars);
    }

    private static void CheckLengths(int users, int items, int stars)
    {
        if (users != items || users != stars)
            throw new ArgumentException($"column lengths differ: users {users}, items {items}, stars {stars}.");
    }

    /// <summary>An empty table.</summary>
    public static RatingTable Empty { get; } = Own([], [], []);

    /// <summary>User index of each rating.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Item index of each rating.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>The rating value of each rating (stars for MovieLens).</summary>
    public ReadOnlySpan<float> Stars => _stars;

    /// <summary>Number of ratings.</summary>
    public int Count => _users.Length;

    /// <summary>The user column itself, for the library's hot loops and device uploads (never hand it out or change it).</summary>
    internal int[] UserArray => _users;

    /// <summary>The item column itself, for the library's hot loops and device uploads (never hand it out or change it).</summary>
    internal int[] ItemArray => _items;

    /// <summary>The rating column itself, for the library's hot loops and device uploads (never hand it out or change it).</summary>
    internal float[] StarArray => _stars;

    /// <summary>A new table holding the ratings at <paramref name="indices"/>, in that order.</summary>
    public RatingTable Select(ReadOnlySpan<int> indices)
    {
        var u = new int[indices.Length];
        var m = new int[indices.Length];
        var s = new float[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            u[k] = _users[i];
            m[k] = _items[i];
            s[k] = _stars[i];
        }
        return new RatingTable(u, m, s);
    }

    /// <summary>A new table holding the first <paramref name="count"/> ratings.</summary>
    public RatingTable Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Count);
        return new RatingTable(_users[..count], _items[..count], _stars[..count]);
    }
}
