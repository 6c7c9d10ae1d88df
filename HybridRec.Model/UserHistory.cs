using HybridRec.Data;

namespace HybridRec.Model;

/// <summary>The movies each user rated in training, as sorted movie indices per user index (compressed rows).</summary>
public sealed class UserHistory
{
    /// <summary>Wraps row offsets (users + 1) and movie indices; rows must be sorted and distinct.</summary>
    public UserHistory(int[] offsets, int[] movies)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(movies);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != movies.Length)
            throw new ArgumentException("offsets must start at 0 and end at movies.Length.");
        Offsets = offsets;
        Movies = movies;
    }

    /// <summary>Builds the history of <paramref name="users"/> users from the ratings of a training split.</summary>
    public static UserHistory FromRatings(RatingTable ratings, int users)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counts = new int[users + 1];
        foreach (int u in ratings.Users) counts[u + 1]++;
        for (int u = 0; u < users; u++) counts[u + 1] += counts[u];
        var movies = new int[ratings.Count];
        var fill = counts[..^1].ToArray();
        for (int i = 0; i < ratings.Count; i++) movies[fill[ratings.Users[i]]++] = ratings.Movies[i];
        // Sort and de-duplicate each row.
        var offsets = new int[users + 1];
        int w = 0;
        for (int u = 0; u < users; u++)
        {
            var row = movies.AsSpan(counts[u], counts[u + 1] - counts[u]);
            row.Sort();
            int start = w;
            for (int k = 0; k < row.Length; k++)
                if (w == start || movies[w - 1] != row[k]) movies[w++] = row[k];
            offsets[u + 1] = w;
        }
        return new UserHistory(offsets, movies[..w]);
    }

    /// <summary>Row offsets, length users + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Movie indices of all users, concatenated.</summary>
    public int[] Movies { get; }

    /// <summary>Number of users.</summary>
    public int Users => Offsets.Length - 1;

    /// <summary>The sorted movie indices user <paramref name="user"/> rated in training.</summary>
    public ReadOnlySpan<int> Of(int user) => Movies.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]);

    /// <summary>Whether user <paramref name="user"/> rated movie <paramref name="movie"/> in training.</summary>
    public bool Contains(int user, int movie) => Of(user).BinarySearch(movie) >= 0;
}
