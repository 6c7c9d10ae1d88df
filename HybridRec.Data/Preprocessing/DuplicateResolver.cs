namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Finds repeated (user, movie) ratings in O(N) time with O(movies) extra memory when the ratings are grouped by
/// user (as every MovieLens file is), and with one extra int per rating otherwise (a stable counting sort by user).
/// </summary>
internal static class DuplicateResolver
{
    /// <summary>Called for a duplicate under <see cref="DuplicateRatingPolicy.Error"/>: the earlier and the later position.</summary>
    public delegate void DuplicateHandler(int earlier, int later);

    /// <summary>
    /// Positions of ratings superseded by a later rating of the same (user, movie), ascending. Under
    /// <see cref="DuplicateRatingPolicy.Error"/> the first duplicate found is passed to <paramref name="onError"/>,
    /// which is expected to throw.
    /// </summary>
    public static int[] FindDropped(int[] users, int userCount, int[] movies, int movieCount, DuplicateRatingPolicy policy, DuplicateHandler onError)
    {
        int n = users.Length;
        int[]? order = IsGrouped(users) ? null : StableOrderByUser(users, userCount);
        var stamp = new int[movieCount]; // user + 1 that last rated the movie in the current group
        var last = new int[movieCount];  // position of that rating
        List<int>? dropped = null;
        for (int k = 0; k < n; k++)
        {
            int i = order is null ? k : order[k];
            int u = users[i] + 1, m = movies[i];
            if (stamp[m] == u)
            {
                if (policy == DuplicateRatingPolicy.Error)
                {
                    onError(last[m], i);
                    throw new InvalidOperationException("duplicate rating handler returned.");
                }
                (dropped ??= []).Add(last[m]);
            }
            stamp[m] = u;
            last[m] = i;
        }
        if (dropped is null) return [];
        var result = dropped.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>Whether every user's ratings are contiguous (slots are assigned in first-seen order, so: non-decreasing).</summary>
    private static bool IsGrouped(int[] users)
    {
        for (int i = 1; i < users.Length; i++)
        {
            if (users[i] < users[i - 1]) return false;
        }
        return true;
    }

    private static int[] StableOrderByUser(int[] users, int userCount)
    {
        var start = new int[userCount + 1];
        foreach (int u in users) start[u + 1]++;
        for (int u = 0; u < userCount; u++) start[u + 1] += start[u];
        var order = new int[users.Length];
        for (int i = 0; i < users.Length; i++) order[start[users[i]]++] = i;
        return order;
    }
}
