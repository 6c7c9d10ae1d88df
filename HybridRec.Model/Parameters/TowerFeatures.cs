using HybridRec.Data;

namespace HybridRec.Model.Parameters;

/// <summary>Finds the features a tower reads: the group of its name among the item or the user feature groups.</summary>
internal static class TowerFeatures
{
    /// <summary>The values of <paramref name="tower"/>'s feature group.</summary>
    public static SparseFeatures Of(TowerLayout tower, FeatureGroupCollection items, FeatureGroupCollection users) =>
        (tower.Entity == FeatureEntity.Item ? items : users)[tower.Group].Values;

    /// <summary>The dimensions of a model over <paramref name="users"/> × <paramref name="items"/> with towers over the given groups, in order.</summary>
    public static ModelDimensions Dimensions(int users, int items, FeatureGroupCollection itemGroups, FeatureGroupCollection userGroups) =>
        new(users, items, itemGroups.Select(g => new FeatureGroupShape(g.Name, g.Vocabulary.Count)).ToArray(),
            userGroups.Select(g => new FeatureGroupShape(g.Name, g.Vocabulary.Count)).ToArray());
}
