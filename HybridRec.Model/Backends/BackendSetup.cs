using HybridRec.Data;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>Everything a backend needs besides the parameters: the layout, the feature groups of its towers, the fixed output offset and the optimiser.</summary>
/// <param name="Layout">Parameter layout (sizes and architecture).</param>
/// <param name="ItemFeatures">The item feature groups of <see cref="ParameterLayout.ItemTowers"/>, in the same order (rows = items).</param>
/// <param name="UserFeatures">The user feature groups of <see cref="ParameterLayout.UserTowers"/>, in the same order (rows = users).</param>
/// <param name="GlobalOffset">Fixed offset μ added to every prediction when the layout has biases (0 otherwise).</param>
/// <param name="Adam">Optimiser settings.</param>
/// <param name="Threads">CPU threads for the managed backend; 0 means all processors.</param>
internal sealed record BackendSetup(ParameterLayout Layout, FeatureGroupCollection ItemFeatures, FeatureGroupCollection UserFeatures, float GlobalOffset, AdamOptions Adam, int Threads = 0)
{
    /// <summary>The ranking objective (used when the layout has a ranking head).</summary>
    public RankingLossOptions Ranking { get; init; } = new();

    /// <summary>
    /// log q(m) per item (M), subtracted from every candidate's logit when the layout has a ranking head
    /// (<see cref="NegativeSampler.LogQ"/> when <see cref="RankingLossOptions.LogQCorrection"/> is on); null: no correction (zeros).
    /// </summary>
    public float[]? LogQ { get; init; }

    /// <summary>
    /// Whether the steps train the ranking head (default). False: a layout with a head trains as if it had none — no
    /// candidates needed, the head's slices get no gradient and stay as they are (used for the epochs on the fitting part
    /// when a refit follows: those only choose the epoch count by validation RMSE, which the head never changes, and the
    /// refit starts again from the initial parameters).
    /// </summary>
    public bool TrainRankingHead { get; init; } = true;

    /// <summary>Whether the steps train a ranking head: the layout has one and <see cref="TrainRankingHead"/> is on (every backend asks this).</summary>
    public bool TrainsRankingHead => Layout.HasRankingHead && TrainRankingHead;

    /// <summary>
    /// The whole-table L2 covers the parameters [0, this): the ranking head's slices only when the head trains and
    /// <see cref="RankingLossOptions.TableL2"/> is on (an untrained head is left as it is).
    /// </summary>
    public int TableL2End => Layout.HasRankingHead && !(TrainsRankingHead && Ranking.TableL2) ? Layout.RankOffset : Layout.DenseOffset;

    /// <summary>The setup for training with <paramref name="negatives"/> under <paramref name="ranking"/>: its log q when the correction is on.</summary>
    public BackendSetup WithRanking(RankingLossOptions ranking, NegativeSampler? negatives)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return this with { Ranking = ranking, LogQ = ranking.LogQCorrection && negatives is not null ? negatives.LogQ : null };
    }

    /// <summary>
    /// The setup of a network over <paramref name="data"/>: towers over the feature groups <paramref name="model"/>
    /// selects (<see cref="HybridModelOptions.ItemFeatureGroups"/>, <see cref="HybridModelOptions.UserFeatureGroups"/>), validated.
    /// </summary>
    public static BackendSetup Create(RatingDataset data, HybridModelOptions model, AdamOptions adam, float globalOffset, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var items = data.ItemFeatures.Select(model.ItemFeatureGroups);
        var users = data.UserFeatures.Select(model.UserFeatureGroups);
        var layout = new ParameterLayout(TowerFeatures.Dimensions(data.Users.Count, data.Items.Count, items, users), model);
        var setup = new BackendSetup(layout, items, users, globalOffset, adam, threads);
        setup.Validate();
        return setup;
    }

    /// <summary>Checks that the feature groups match the layout's towers (names, order, vocabularies and rows) and the optimiser suits the options.</summary>
    public void Validate()
    {
        var d = Layout.Dimensions;
        Check(Layout.ItemTowers, ItemFeatures, d.Items, "item");
        Check(Layout.UserTowers, UserFeatures, d.Users, "user");
        Adam.Validate();
        if (Layout.Options.EmbeddingTableL2 > 0 && Adam.Variant == AdamVariant.Lazy)
            throw new ArgumentException("the whole-table embedding L2 (EmbeddingTableL2) touches every embedding row every step, which lazy Adam cannot apply; use dense Adam or the per-occurrence EmbeddingL2.");
        ArgumentOutOfRangeException.ThrowIfNegative(Threads);
        ArgumentNullException.ThrowIfNull(Ranking, nameof(Ranking));
        Ranking.Validate();
        if (LogQ is not null && LogQ.Length != d.Items) throw new ArgumentException($"LogQ has {LogQ.Length} values for {d.Items} items.");
    }

    /// <summary>The features of <paramref name="tower"/>.</summary>
    public SparseFeatures FeaturesOf(TowerLayout tower)
    {
        ArgumentNullException.ThrowIfNull(tower);
        return TowerFeatures.Of(tower, ItemFeatures, UserFeatures);
    }

    private static void Check(IReadOnlyList<TowerLayout> towers, FeatureGroupCollection groups, int rows, string entity)
    {
        if (towers.Count != groups.Count)
            throw new ArgumentException($"the layout has {towers.Count} {entity} towers but {groups.Count} {entity} feature groups were given.");
        for (int i = 0; i < towers.Count; i++)
        {
            var t = towers[i];
            var g = groups[i];
            if (g.Name != t.Group) throw new ArgumentException($"{entity} tower {i} is over '{t.Group}' but feature group {i} is '{g.Name}'.");
            if (g.Rows != rows || g.Vocabulary.Count != t.Vocabulary)
                throw new ArgumentException($"{entity} feature group '{g.Name}' is {g.Rows}×{g.Vocabulary.Count} but the layout expects {rows}×{t.Vocabulary}.");
        }
    }
}
