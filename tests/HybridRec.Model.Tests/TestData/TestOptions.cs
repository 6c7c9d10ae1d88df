using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.TestData;

/// <summary>
/// The options the tests start from: the original network and schedule (<see cref="HybridPresets.Original"/>: no
/// biases, no L2, one model, no early stopping), so each test states what it needs; and small networks over given
/// feature groups.
/// </summary>
internal static class TestOptions
{
    /// <summary>The original network (E 50, towers E/2, no user towers, no biases or L2).</summary>
    public static HybridModelOptions Model => HybridPresets.Original.Model;

    /// <summary>The original schedule (10 epochs, batch 64, Keras' Adam, one model, no early stopping or refit).</summary>
    public static TrainingOptions Training => HybridPresets.Original.Training;

    /// <summary>Multi-hot groups of the given names and values, in order.</summary>
    public static FeatureGroupCollection Groups(params (string Name, SparseFeatures Values)[] groups) =>
        new(groups.Select(g => new FeatureGroup(g.Name, FeatureKind.MultiHot, g.Values)));

    /// <summary>The dimensions of a network over the given groups.</summary>
    public static ModelDimensions Dimensions(int users, int items, FeatureGroupCollection itemGroups, FeatureGroupCollection userGroups) =>
        new(users, items, itemGroups.Select(g => new FeatureGroupShape(g.Name, g.Vocabulary.Count)).ToArray(),
            userGroups.Select(g => new FeatureGroupShape(g.Name, g.Vocabulary.Count)).ToArray());

    /// <summary>A backend setup over the given groups.</summary>
    public static BackendSetup Setup(int users, int items, FeatureGroupCollection itemGroups, FeatureGroupCollection userGroups, HybridModelOptions options,
        float offset = 0f, AdamOptions? adam = null, int threads = 1) =>
        new(new ParameterLayout(Dimensions(users, items, itemGroups, userGroups), options), itemGroups, userGroups, offset, adam ?? new AdamOptions(), threads);
}
