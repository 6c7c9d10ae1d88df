using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>Training examples as parallel arrays: user index, item index and the rating normalised to [0, 1].</summary>
internal sealed class TrainingSamples
{
    /// <summary>Wraps the arrays (not copied); they must have equal length.</summary>
    public TrainingSamples(int[] users, int[] items, float[] targets)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(targets);
        if (users.Length != items.Length || users.Length != targets.Length)
            throw new ArgumentException($"column lengths differ: users {users.Length}, items {items.Length}, targets {targets.Length}.");
        Users = users;
        Items = items;
        Targets = targets;
    }

    /// <summary>Normalises a rating table with <paramref name="scale"/>.</summary>
    public static TrainingSamples FromRatings(RatingTable ratings, RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var t = new float[ratings.Count];
        var stars = ratings.Stars;
        for (int i = 0; i < t.Length; i++) t[i] = scale.Normalize(stars[i]);
        return new TrainingSamples(ratings.UserArray, ratings.ItemArray, t);
    }

    /// <summary>User index per sample.</summary>
    public int[] Users { get; }

    /// <summary>Item index per sample.</summary>
    public int[] Items { get; }

    /// <summary>Normalised target per sample.</summary>
    public float[] Targets { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Users.Length;

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public TrainingSamples Select(ReadOnlySpan<int> indices)
    {
        var u = new int[indices.Length];
        var m = new int[indices.Length];
        var t = new float[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            u[k] = Users[indices[k]];
            m[k] = Items[indices[k]];
            t[k] = Targets[indices[k]];
        }
        return new TrainingSamples(u, m, t);
    }

    /// <summary>Mean target, or 0 when empty.</summary>
    public double MeanTarget()
    {
        double s = 0;
        foreach (var t in Targets) s += t;
        return Targets.Length == 0 ? 0 : s / Targets.Length;
    }
}
