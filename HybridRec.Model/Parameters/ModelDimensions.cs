namespace HybridRec.Model.Parameters;

/// <summary>The data-dependent sizes of the network: users, items and the vocabulary of each tower's feature group, in tower order.</summary>
/// <param name="Users">Number of users U.</param>
/// <param name="Items">Number of items M.</param>
/// <param name="ItemGroups">The item feature groups that get a tower, in order.</param>
/// <param name="UserGroups">The user feature groups that get a tower, in order.</param>
internal sealed record ModelDimensions(int Users, int Items, IReadOnlyList<FeatureGroupShape> ItemGroups, IReadOnlyList<FeatureGroupShape> UserGroups)
{
    /// <summary>Sizes without any feature group.</summary>
    public ModelDimensions(int users, int items) : this(users, items, [], []) { }

    /// <summary>Throws when a size is negative, there is no user or item, or two groups of one entity share a name.</summary>
    public void Validate()
    {
        if (Users < 1) throw new ArgumentException($"a model needs at least one user (got {Users}).");
        if (Items < 1) throw new ArgumentException($"a model needs at least one item (got {Items}).");
        ArgumentNullException.ThrowIfNull(ItemGroups);
        ArgumentNullException.ThrowIfNull(UserGroups);
        foreach (var (entity, groups) in new[] { ("item", ItemGroups), ("user", UserGroups) })
        {
            foreach (var g in groups)
            {
                Data.FeatureGroup.ValidateName(g.Name);
                if (g.Vocabulary < 0) throw new ArgumentException($"{entity} feature group '{g.Name}' has a negative vocabulary size ({g.Vocabulary}).");
            }
            if (groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count() != groups.Count)
                throw new ArgumentException($"two {entity} feature groups share a name.");
        }
    }

    /// <summary>Value equality, the group lists compared by content.</summary>
    public bool Equals(ModelDimensions? other) =>
        other is not null && Users == other.Users && Items == other.Items && ItemGroups.SequenceEqual(other.ItemGroups) && UserGroups.SequenceEqual(other.UserGroups);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Users, Items, ItemGroups.Count, UserGroups.Count);
}

/// <summary>A feature group as a tower sees it: its name and vocabulary size (the tower's input width).</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Vocabulary">Number of distinct values.</param>
internal readonly record struct FeatureGroupShape(string Name, int Vocabulary);
