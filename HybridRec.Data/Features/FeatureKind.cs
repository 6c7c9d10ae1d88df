namespace HybridRec.Data;

/// <summary>How the values of a <see cref="FeatureGroup"/> describe a row.</summary>
public enum FeatureKind
{
    /// <summary>Any number of values per row (genres, tags, product categories).</summary>
    MultiHot,

    /// <summary>At most one value per row (gender, age band, brand).</summary>
    Categorical,
}

/// <summary>What the rows of a <see cref="FeatureGroup"/> are.</summary>
public enum FeatureEntity
{
    /// <summary>Rows are item indices (<see cref="RatingDataset.Items"/>).</summary>
    Item,

    /// <summary>Rows are user indices (<see cref="RatingDataset.Users"/>).</summary>
    User,
}
