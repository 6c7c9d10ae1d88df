using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Scoring;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Model;

/// <summary>
/// A trained hybrid recommender: the architecture, the parameters, and everything needed to serve it without
/// the dataset — id maps, titles, genre and tag features, the rating scale and each user's training history.
/// Prediction and recommendation run on the CPU (in the serving form of <see cref="MemberScorer"/>, built on first use)
/// and are safe to call from several threads.
/// </summary>
public sealed class HybridModel
{
    private const int PredictChunk = 4096;
    private readonly Lazy<MemberScorer[]> _scorers;

    internal HybridModel(string datasetName, HybridModelOptions options, RatingScale scale, float globalOffset, IdMap users, IdMap movies,
        IReadOnlyList<string> titles, SparseFeatures genres, SparseFeatures tags, UserHistory history, IReadOnlyList<float[]> members)
    {
        DatasetName = datasetName;
        Options = options;
        Scale = scale;
        GlobalOffset = globalOffset;
        Users = users;
        Movies = movies;
        Titles = titles;
        Genres = genres;
        Tags = tags;
        History = history;
        Layout = new ParameterLayout(new ModelDimensions(users.Count, movies.Count, genres.Columns, tags.Columns), options);
        if (members.Count == 0) throw new ArgumentException("a model needs at least one parameter set.");
        foreach (var parameters in members)
            if (parameters.Length != Layout.Count)
                throw new ArgumentException($"the layout needs {Layout.Count:N0} parameters but {parameters.Length:N0} were given.");
        if (titles.Count != movies.Count || genres.Rows != movies.Count || tags.Rows != movies.Count || history.Users != users.Count)
            throw new ArgumentException("titles, features and history must match the id maps.");
        Members = members;
        _scorers = new Lazy<MemberScorer[]>(() => Members.Select(p => new MemberScorer(Layout, p, Genres, Tags, GlobalOffset)).ToArray(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Wraps trained parameters with the dataset's metadata. <paramref name="train"/> is the training split
    /// (its ratings define which movies each user has already seen).
    /// </summary>
    public static HybridModel Create(MovieLensDataset dataset, RatingTable train, HybridModelOptions options, float globalOffset, float[] parameters) =>
        Create(dataset, train, options, globalOffset, [parameters]);

    /// <summary>As <see cref="Create(MovieLensDataset, RatingTable, HybridModelOptions, float, float[])"/> for an ensemble whose members' predictions are averaged.</summary>
    public static HybridModel Create(MovieLensDataset dataset, RatingTable train, HybridModelOptions options, float globalOffset, IReadOnlyList<float[]> members)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        return new HybridModel(dataset.Name, options, dataset.Scale, globalOffset, dataset.Users, dataset.Movies, dataset.Titles,
            dataset.Genres, dataset.Tags, UserHistory.FromRatings(train, dataset.Users.Count), members);
    }

    /// <summary>Name of the dataset the model was trained on.</summary>
    public string DatasetName { get; }

    /// <summary>The architecture.</summary>
    public HybridModelOptions Options { get; }

    /// <summary>The parameter layout.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The rating scale (to convert normalised predictions to stars).</summary>
    public RatingScale Scale { get; }

    /// <summary>The fixed offset μ added to predictions when the model has biases.</summary>
    public float GlobalOffset { get; }

    /// <summary>Users known to the model.</summary>
    public IdMap Users { get; }

    /// <summary>Movies known to the model.</summary>
    public IdMap Movies { get; }

    /// <summary>Titles by movie index.</summary>
    public IReadOnlyList<string> Titles { get; }

    /// <summary>Genre features by movie index.</summary>
    public SparseFeatures Genres { get; }

    /// <summary>Tag features by movie index.</summary>
    public SparseFeatures Tags { get; }

    /// <summary>Movies each user rated in training.</summary>
    public UserHistory History { get; }

    /// <summary>The trained parameter sets (layout order), one per ensemble member; predictions average them. Do not modify.</summary>
    public IReadOnlyList<float[]> Members { get; }

    /// <summary>Normalised predictions (clipped to [0, 1]) for (user index, movie index) pairs.</summary>
    public void PredictNormalized(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictRaw(users, movies, output, parallel: true);
        for (int i = 0; i < users.Length; i++) output[i] = Math.Clamp(output[i], 0f, 1f);
    }

    /// <summary>Unclipped normalised predictions, averaged over the members.</summary>
    private void PredictRaw(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output, bool parallel)
    {
        if (users.Length != movies.Length || output.Length < users.Length) throw new ArgumentException("users, movies and output lengths differ.");
        var scorers = _scorers.Value;
        int n = users.Length;
        if (!parallel || n <= PredictChunk)
        {
            for (int i = 0; i < n; i++) output[i] = Average(scorers, users[i], movies[i]);
            return;
        }
        int[] u = users.ToArray(), m = movies.ToArray();
        var result = new float[n];
        ForEachChunk(n, (from, to) => { for (int i = from; i < to; i++) result[i] = Average(scorers, u[i], m[i]); });
        result.AsSpan().CopyTo(output);
    }

    // [0, n) in chunks of PredictChunk, in parallel.
    private static void ForEachChunk(int n, Action<int, int> body) =>
        Parallel.For(0, (n + PredictChunk - 1) / PredictChunk, c => body(c * PredictChunk, Math.Min(n, (c + 1) * PredictChunk)));

    // The members' mean, summed in double in member order.
    private static float Average(MemberScorer[] scorers, int user, int movie)
    {
        if (scorers.Length == 1) return scorers[0].Score(user, movie);
        double sum = 0;
        foreach (var s in scorers) sum += s.Score(user, movie);
        return (float)(sum / scorers.Length);
    }

    /// <summary>Predicted rating in stars (clipped to the scale) of raw <paramref name="userId"/> for raw <paramref name="movieId"/>.</summary>
    public float PredictStars(int userId, int movieId)
    {
        int u = UserIndex(userId);
        if (!Movies.TryGetIndex(movieId, out int m)) throw new KeyNotFoundException($"movie {movieId} is not in the model ({Movies.Count:N0} movies).");
        Span<float> y = stackalloc float[1];
        PredictNormalized([u], [m], y);
        return Scale.Denormalize(y[0]);
    }

    /// <summary>
    /// The <paramref name="count"/> movies with the highest predicted rating that raw user <paramref name="userId"/>
    /// did not rate in training, best first (ties by movie id). Throws <see cref="UnknownUserException"/> for an unknown user.
    /// </summary>
    public IReadOnlyList<Recommendation.Recommendation> Recommend(int userId, int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int u = UserIndex(userId);
        var scores = new float[Movies.Count];
        var top = TopUnseen(u, count, scores, parallel: true);
        return top.Select(m => new Recommendation.Recommendation(Movies.GetRawId(m), Titles[m], Scale.Denormalize(scores[m]))).ToList();
    }

    /// <summary>
    /// Movie indices of the <paramref name="count"/> best-predicted movies user index <paramref name="user"/> did not
    /// rate in training, best first, ties broken by lower movie index; <paramref name="scores"/> (length M) receives
    /// the clipped normalised predictions of every movie.
    /// </summary>
    internal int[] TopUnseen(int user, int count, float[] scores, bool parallel)
    {
        int movies = Movies.Count;
        var scorers = _scorers.Value;
        if (parallel && movies > PredictChunk)
            ForEachChunk(movies, (from, to) => { for (int m = from; m < to; m++) scores[m] = Average(scorers, user, m); });
        else
            for (int m = 0; m < movies; m++) scores[m] = Average(scorers, user, m);
        var seen = History.Of(user);
        // Keep the best `count` in a min-heap keyed by (score, -index), so the result is deterministic.
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(count + 1);
        for (int m = 0, s = 0; m < movies; m++)
        {
            while (s < seen.Length && seen[s] < m) s++;
            if (s < seen.Length && seen[s] == m) continue;
            float score = Math.Clamp(scores[m], 0f, 1f);
            scores[m] = score;
            if (count == 0) continue;
            if (heap.Count < count) heap.Enqueue(m, (score, -m));
            else if (heap.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && -m > worst.NegIndex)))
                heap.EnqueueDequeue(m, (score, -m));
        }
        var result = new int[heap.Count];
        for (int i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
        return result;
    }

    /// <summary>RMSE and MAE (normalised and in stars, predictions clipped) on <paramref name="ratings"/>.</summary>
    public RatingMetrics Evaluate(RatingTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var predictions = new float[ratings.Count];
        PredictNormalized(ratings.Users, ratings.Movies, predictions);
        var targets = new float[ratings.Count];
        for (int i = 0; i < targets.Length; i++) targets[i] = Scale.Normalize(ratings.Stars[i]);
        return RatingMetrics.Compute(predictions, targets, Scale.Range);
    }

    /// <summary>Writes the model to one file atomically (temp file, then rename). See <see cref="ModelFile"/>.</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Reads a model written by <see cref="Save"/>; a truncated, corrupted or foreign file throws <see cref="InvalidDataException"/>.</summary>
    public static HybridModel Load(string path) => ModelFile.Load(path);

    internal int UserIndex(int userId)
    {
        if (Users.TryGetIndex(userId, out int u)) return u;
        throw new UnknownUserException(userId, Users.Count, Users.Count > 0 ? Users.GetRawId(0) : 0, Users.Count > 0 ? Users.GetRawId(Users.Count - 1) : 0);
    }
}
