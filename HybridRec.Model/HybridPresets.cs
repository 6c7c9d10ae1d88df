using HybridRec.Model.Training;

namespace HybridRec.Model;

/// <summary>The named configurations: the tuned default and the original notebook's.</summary>
public static class HybridPresets
{
    /// <summary>
    /// The tuned default (the library's defaults, <c>new HybridConfiguration()</c>): E 20 (init ±0.15), neural width 30,
    /// towers genres 6 and tags 2 (other towers E/2), biases, λe 1.69e-4, whole-table λt 7.97e-5 with dense Adam,
    /// λd 5.8e-5, a ranking head (Er 32, sampled softmax over 64 popularity^0.75 negatives with logQ, weight 1, its Adam
    /// step ×3.4, no λt on it; chosen on <c>validate --metric ndcg</c>, docs/experiments-ranking.md), lr 5.93e-4, batch 64, up to 30 epochs with patience 3 and the best epoch restored, an ensemble of 10
    /// each refit on all training ratings for its best epoch count, min tag count 2. The hyperparameters come from a
    /// TPE search on validation RMSE (seed 42's split) and were then adjusted on <c>validate --protocol holdout</c>
    /// (splits 42, 7, 99; never a test part) — README, "Accuracy".
    /// </summary>
    public static HybridConfiguration Tuned { get; } = new();

    /// <summary>
    /// The original Keras notebook: E 50 (Keras' ±0.05 initialisation), every branch and tower E/2 wide, item towers
    /// over every item group (MovieLens: genres, tags), no user towers, no biases, no regularisation, batch 64,
    /// 10 epochs of dense Adam at 1e-3 without early stopping, one model, min tag count 10; no ranking head (switched on,
    /// its Adam step is the same 1e-3, <see cref="RankingLossOptions.LearningRateScale"/> 1, over 16 negatives).
    /// </summary>
    public static HybridConfiguration Original { get; } = new()
    {
        Model = new HybridModelOptions
        {
            EmbeddingSize = 50,
            NeuralWidth = null,
            TowerWidth = null,
            ItemTowerWidths = new Dictionary<string, int>(),
            UserTowerWidths = null,
            ItemFeatureGroups = null,
            UserFeatureGroups = [],
            EmbeddingInitRange = 0.05f,
            UseBiases = false,
            EmbeddingL2 = 0f,
            EmbeddingTableL2 = 0f,
            DenseL2 = 0f,
            RankingEmbeddingSize = 0,
        },
        Training = new TrainingOptions
        {
            Epochs = 10,
            BatchSize = 64,
            Adam = new AdamOptions { LearningRate = AdamOptions.KerasLearningRate },
            Patience = null,
            RestoreBestEpoch = false,
            RefitOnAllData = false,
            EnsembleSize = 1,
            // When a ranking head is switched on (--ranking-loss softmax): the head's step is the notebook's 1e-3 itself (ten
            // epochs without early stopping or L2 overfit it at ×3.4: validation NDCG@10 0.0886 against 0.1219 at ×1), and 16
            // negatives do as well as 64 there (0.1228 against 0.1219) at a quarter of the head's cost.
            Ranking = new RankingLossOptions { LearningRateScale = 1f, Negatives = 16 },
        },
        MinTagCount = 10,
    };

    /// <summary>The preset names: <c>tuned</c> and <c>original</c> (also called <c>seed</c> on the command line).</summary>
    public static IReadOnlyList<string> Names { get; } = ["tuned", "original", "seed"];

    /// <summary>The preset named <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the names.</summary>
    public static HybridConfiguration Get(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "tuned" => Tuned,
        "original" or "seed" => Original,
        _ => throw new ArgumentException($"unknown preset '{name}' (expected tuned, or original/seed)."),
    };
}
