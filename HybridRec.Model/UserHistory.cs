using HybridRec.Data;

namespace HybridRec.Model;

/// <summary>The items each user rated in training, as sorted item indices per user index (compressed rows).</summary>
public sealed class UserHistory
{
    private readonly int[] _offsets;
    private readonly int[] _items;

    /// <summary>Creates a history from a copy of row offsets (users + 1) and item indices; rows must be sorted and distinct.</summary>
    /// <exception cref="ArgumentException">The offsets do not start at 0 and end at the number of items.</exception>
    public UserHistory(ReadOnlySpan<int> offsets, ReadOnlySpan<int> items)
        : this(offsets.ToArray(), items.ToArray())
    {
    }

    private UserHistory(int[] offsets, int[] items)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != items.Length)
            throw new ArgumentException("offsets must start at 0 and end at items.Length.");
        _offsets = offsets;
        _items = items;
    }

    /// <summary>
    /// Wraps the arrays without copying (checked as by the public constructor): the history owns them from now on and
    /// nobody may change them. For the library's own builders and model file reader.
    /// </summary>
    internal static UserHistory Own(int[] offsets, int[] items)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(items);
        return new UserHistory(offsets, items);
    }

    /// <summary>Builds the history of <paramref name="users"/> users from the ratings of a training split.</summary>
    public static UserHistory FromRatings(RatingTable ratings, int users)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return FromPairs(ratings.Users, ratings.Items, users);
    }

    /// <summary>
    /// Builds the history of <paramref name="users"/> users from (user, item) index pairs in any order (each user's
    /// row sorted and de-duplicated); user indices must lie below <paramref name="users"/>.
    /// </summary>
    internal static UserHistory FromPairs(ReadOnlySpan<int> userOf, ReadOnlySpan<int> itemOf, int users)
    {
        var counts = new int[users + 1];
        foreach (int u in userOf) counts[u + 1]++;
        for (int u = 0; u < users; u++) counts[u + 1] += counts[u];
        var items = new int[userOf.Length];
        var fill = counts[..^1].ToArray();
        for (int i = 0; i < userOf.Length; i++) items[fill[userOf[i]]++] = itemOf[i];
        // Sort and de-duplicate each row.
        var offsets = new int[users + 1];
        int w = 0;
        for (int u = 0; u < users; u++)
        {
            var row = items.AsSpan(counts[u], counts[u + 1] - counts[u]);
            row.Sort();
            int start = w;
            for (int k = 0; k < row.Length; k++)
                if (w == start || items[w - 1] != row[k]) items[w++] = row[k];
            offsets[u + 1] = w;
        }
        return Own(offsets, items[..w]);
    }

    /// <summary>Row offsets, length users + 1.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>Item indices of all users, concatenated.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>The offsets array itself, for the library's hot loops and model files (never hand it out or change it).</summary>
    internal int[] OffsetArray => _offsets;

    /// <summary>The items array itself, for the library's hot loops and model files (never hand it out or change it).</summary>
    internal int[] ItemArray => _items;

    /// <summary>Number of users.</summary>
    public int Users => _offsets.Length - 1;

    /// <summary>The sorted item indices user <paramref name="user"/> rated in training.</summary>
    public ReadOnlySpan<int> Of(int user) => _items.AsSpan(_offsets[user], _offsets[user + 1] - _offsets[user]);

    /// <summary>
    /// For each of <paramref name="items"/> item indices, the number of users who rated it in training (each user
    /// counts once per item; the loaders keep one rating per user and item, so this is the item's training rating count).
    /// </summary>
    public int[] ItemCounts(int items)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        var counts = new int[items];
        foreach (int m in _items)
        {
            if ((uint)m >= (uint)items) throw new ArgumentOutOfRangeException(nameof(items), items, $"the history holds item index {m}, outside [0, {items}).");
            counts[m]++;
        }
        return counts;
    }

    /// <summary>Whether user <paramref name="user"/> rated item <paramref name="item"/> in training.</summary>
    public bool Contains(int user, int item) => Of(user).BinarySearch(item) >= 0;
}
