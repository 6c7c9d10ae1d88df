using HybridRec.Data;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tuning;

/// <summary>
/// The searches of <c>tune</c>: the TPE search space over the tuned configuration's hyperparameters, and the
/// original notebook's grid (embedding size × batch size × epochs over the original configuration), with the
/// mapping of a trial's parameters onto a <see cref="HybridConfiguration"/>.
/// </summary>
public static class HybridSearch
{
    /// <summary>Trial budget of the TPE search when none is given.</summary>
    public const int DefaultTpeTrials = 40;

    /// <summary>Epoch cap of a TPE trial (with early stopping) when none is given.</summary>
    public const int DefaultMaxEpochs = 30;

    /// <summary>
    /// The TPE search space: embedding size, learning rate, batch size, the three L2 terms, the neural width, the
    /// widths of the MovieLens item towers <c>genres</c> (<c>genre_width</c>) and <c>tags</c> (<c>tag_width</c>), and the
    /// MovieLens tag threshold.
    /// </summary>
    public static SearchSpace TpeSpace { get; } = new(
        new IntParameter("embedding_size", 8, 128, log: true),
        new FloatParameter("learning_rate", 3e-4, 1e-2, log: true),
        new ChoiceParameter("batch_size", 64, 128, 256, 512, 1024),
        new FloatParameter("embedding_l2", 1e-4, 1.0, log: true),
        new FloatParameter("embedding_table_l2", 1e-6, 1e-3, log: true),
        new FloatParameter("dense_l2", 1e-6, 1e-2, log: true),
        new IntParameter("neural_width", 4, 64, log: true),
        new IntParameter("genre_width", 2, 64, log: true),
        new IntParameter("tag_width", 2, 64, log: true),
        new IntParameter("min_tag_count", 2, 50, log: true));

    /// <summary>The original notebook's grid: embedding size {25, 50, 100} × batch size {64, 256, 1024} × epochs {3, 5, 10}.</summary>
    public static GridSampler Grid() => new(
        ("embedding_size", new double[] { 25, 50, 100 }),
        ("batch_size", new double[] { 64, 256, 1024 }),
        ("epochs", new double[] { 3, 5, 10 }));

    /// <summary>
    /// The configuration of a TPE trial: <paramref name="basis"/> (normally <see cref="HybridPresets.Tuned"/>) with the
    /// trial's values, dense Adam and at most <paramref name="maxEpochs"/> epochs.
    /// </summary>
    public static HybridConfiguration TpeTrial(HybridConfiguration basis, TrialParameters p, int maxEpochs = DefaultMaxEpochs)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(p);
        var widths = new Dictionary<string, int>(basis.Model.ItemTowerWidths ?? new Dictionary<string, int>())
        {
            [MovieLensLoader.GenresGroup] = p.GetInt("genre_width"),
            [MovieLensLoader.TagsGroup] = p.GetInt("tag_width"),
        };
        return basis with
        {
            Model = basis.Model with
            {
                EmbeddingSize = p.GetInt("embedding_size"),
                EmbeddingL2 = (float)p.Get("embedding_l2"),
                EmbeddingTableL2 = (float)p.Get("embedding_table_l2"),
                DenseL2 = (float)p.Get("dense_l2"),
                NeuralWidth = p.GetInt("neural_width"),
                ItemTowerWidths = widths,
            },
            Training = basis.Training with
            {
                BatchSize = p.GetInt("batch_size"),
                Epochs = maxEpochs,
                Adam = basis.Training.Adam with { LearningRate = (float)p.Get("learning_rate"), Variant = AdamVariant.Dense },
            },
            MinTagCount = p.GetInt("min_tag_count"),
        };
    }

    /// <summary>The configuration of a grid point: <paramref name="basis"/> (normally <see cref="HybridPresets.Original"/>) with its embedding size, batch size and epochs.</summary>
    public static HybridConfiguration GridTrial(HybridConfiguration basis, TrialParameters p)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(p);
        return basis with
        {
            Model = basis.Model with { EmbeddingSize = p.GetInt("embedding_size") },
            Training = basis.Training with { BatchSize = p.GetInt("batch_size"), Epochs = p.GetInt("epochs") },
        };
    }
}
