using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Model;

/// <summary>
/// A trained hybrid recommender: the architecture, the parameters, and everything needed to serve it without
/// the dataset — id maps, titles, genre and tag features, the rating scale and each user's training history.
/// Prediction and recommendation run on the managed CPU backend and are safe to call from several threads.
/// </summary>
public sealed class HybridModel
{
    private readonly Lazy<CpuNetwork<float>> _predictor;

    internal HybridModel(string datasetName, HybridModelOptions options, RatingScale scale, float globalOffset, IdMap users, IdMap movies,
        IReadOnlyList<string> titles, SparseFeatures genres, SparseFeatures tags, UserHistory history, float[] parameters)
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
        if (parameters.Length != Layout.Count)
            throw new ArgumentException($"the layout needs {Layout.Count:N0} parameters but {parameters.Length:N0} were given.");
        if (titles.Count != movies.Count || genres.Rows != movies.Count || tags.Rows != movies.Count || history.Users != users.Count)
            throw new ArgumentException("titles, features and history must match the id maps.");
        Parameters = parameters;
        _predictor = new Lazy<CpuNetwork<float>>(() =>
        {
            var net = new CpuNetwork<float>(new BackendSetup(Layout, Genres, Tags, GlobalOffset, new AdamOptions()));
            net.SetParameters(Parameters);
            return net;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Wraps trained parameters with the dataset's metadata. <paramref name="train"/> is the training split
    /// (its ratings define which movies each user has already seen).
    /// </summary>
    public static HybridModel Create(MovieLensDataset dataset, RatingTable train, HybridModelOptions options, float globalOffset, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        return new HybridModel(dataset.Name, options, dataset.Scale, globalOffset, dataset.Users, dataset.Movies, dataset.Titles,
            dataset.Genres, dataset.Tags, UserHistory.FromRatings(train, dataset.Users.Count), parameters);
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

    /// <summary>The trained parameters (layout order). Do not modify.</summary>
    public float[] Parameters { get; }

    /// <summary>Normalised predictions (clipped to [0, 1]) for (user index, movie index) pairs.</summary>
    public void PredictNormalized(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        _predictor.Value.Predict(users, movies, output);
        for (int i = 0; i < users.Length; i++) output[i] = Math.Clamp(output[i], 0f, 1f);
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
        int movies = Movies.Count;
        var userColumn = new int[movies];
        Array.Fill(userColumn, u);
        var movieColumn = new int[movies];
        for (int m = 0; m < movies; m++) movieColumn[m] = m;
        var scores = new float[movies];
        PredictNormalized(userColumn, movieColumn, scores);
        var seen = History.Of(u);
        var candidates = new List<int>(movies);
        for (int m = 0; m < movies; m++)
            if (seen.BinarySearch(m) < 0) candidates.Add(m);
        candidates.Sort((a, b) => scores[b] != scores[a] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        return candidates.Take(count).Select(m => new Recommendation.Recommendation(Movies.GetRawId(m), Titles[m], Scale.Denormalize(scores[m]))).ToList();
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
