using System.Text;

namespace HybridRec.Data;

/// <summary>
/// What a load read, kept and skipped. Nothing is dropped silently: every skipped line or value is counted here,
/// and anything unusual is also listed in <see cref="Warnings"/>.
/// </summary>
public sealed class LoadReport
{
    /// <summary>The release layout detected from the files, e.g. <c>'::' release with users.dat (ml-1m layout)</c>.</summary>
    public string Release { get; set; } = "";

    /// <summary>Files read, as display paths.</summary>
    public List<string> FilesRead { get; } = [];

    /// <summary>Human-readable warnings (e.g. an empty tag vocabulary, duplicate ratings kept last).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Rating lines read (data lines, header excluded).</summary>
    public long RatingsRead { get; set; }

    /// <summary>Ratings kept in <see cref="RatingDataset.Ratings"/>.</summary>
    public long RatingsKept { get; set; }

    /// <summary>Ratings not read because of <see cref="MovieLensLoadOptions.MaxRatings"/>.</summary>
    public long RatingsSkippedByLimit { get; set; }

    /// <summary>Ratings dropped because a later line rated the same (user, item) pair.</summary>
    public long DuplicateRatings { get; set; }

    /// <summary>Items in the item list (MovieLens: the movie list).</summary>
    public int ItemsRead { get; set; }

    /// <summary>Items in the item list with no kept rating (they keep an index; their features still describe them).</summary>
    public int ItemsWithoutRatings { get; set; }

    /// <summary>Distinct users with at least one kept rating.</summary>
    public int Users { get; set; }

    /// <summary>Genre vocabulary size.</summary>
    public int Genres { get; set; }

    /// <summary>Genre entries skipped in the movie list: empty names (<c>Drama||War</c>) and names repeated within one movie.</summary>
    public long GenreEntriesSkipped { get; set; }

    /// <summary>Tag application lines read.</summary>
    public long TagApplicationsRead { get; set; }

    /// <summary>Distinct (movie, tag) pairs kept as features.</summary>
    public long TagPairsKept { get; set; }

    /// <summary>Tag applications whose tag was used fewer than the minimum count.</summary>
    public long TagApplicationsRare { get; set; }

    /// <summary>Tag applications repeating a (movie, tag) pair already kept (de-duplicated per movie).</summary>
    public long TagApplicationsDuplicate { get; set; }

    /// <summary>Tag applications for a movie missing from the movie list (skipped, warned).</summary>
    public long TagApplicationsUnknownMovie { get; set; }

    /// <summary>Tag applications whose tag is empty after trimming (skipped).</summary>
    public long TagApplicationsEmpty { get; set; }

    /// <summary>Distinct normalised tags in the tag file.</summary>
    public int DistinctTags { get; set; }

    /// <summary>Tags kept in the vocabulary (used at least the minimum count).</summary>
    public int TagsKept { get; set; }

    /// <summary>The minimum tag count applied.</summary>
    public int MinTagCount { get; set; }

    /// <summary>Blank (empty or white-space only) lines skipped, over all files read; each file with some is also named in <see cref="Warnings"/>.</summary>
    public long BlankLinesSkipped { get; set; }

    /// <summary>
    /// User profile lines read: <c>users.dat</c> (ml-1m), <c>u.user</c> (ml-100k) or a CSV import's users file; 0 when
    /// absent. They become the user feature groups unless <see cref="MovieLensLoadOptions.UserFeatures"/> is off.
    /// </summary>
    public long UserProfilesRead { get; set; }

    /// <summary>Profile lines of users without a kept rating (not in the dataset: counted and ignored).</summary>
    public long UserProfilesWithoutRatings { get; set; }

    /// <summary>Users with ratings but no profile line (they have no value in any user feature group); 0 without a profile file.</summary>
    public int UsersWithoutProfile { get; set; }

    /// <summary>Every feature group of the dataset: entity, name, kind, vocabulary size and rows with a value.</summary>
    public List<FeatureGroupSummary> FeatureGroups { get; } = [];

    /// <summary>Columns of imported files that were not used (e.g. a timestamp column), as <c>file: column</c>.</summary>
    public List<string> IgnoredColumns { get; } = [];

    /// <summary>Lines of <c>links.csv</c> read (0 when absent).</summary>
    public long LinksRead { get; set; }

    /// <summary>Optional files present but not loaded into the dataset (e.g. genome-scores.csv), with their line counts when counted.</summary>
    public List<string> OtherFiles { get; } = [];

    /// <summary>Wall time of the load.</summary>
    public TimeSpan LoadTime { get; set; }

    /// <summary>Counts the items without a kept rating and lists the feature groups: the last step of every loader.</summary>
    internal void Summarise(RatingTable ratings, int items, FeatureGroupCollection itemFeatures, FeatureGroupCollection userFeatures)
    {
        var rated = new bool[items];
        foreach (int m in ratings.Items) rated[m] = true;
        ItemsWithoutRatings = rated.Count(r => !r);
        foreach (var g in itemFeatures) FeatureGroups.Add(FeatureGroupSummary.Of(FeatureEntity.Item, g));
        foreach (var g in userFeatures) FeatureGroups.Add(FeatureGroupSummary.Of(FeatureEntity.User, g));
    }

    /// <summary>A multi-line summary for consoles and logs.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Release.Length > 0) sb.AppendLine($"release: {Release}");
        sb.AppendLine($"ratings: {RatingsRead:N0} read, {RatingsKept:N0} kept, {RatingsSkippedByLimit:N0} skipped by limit, {DuplicateRatings:N0} duplicates dropped");
        sb.AppendLine($"users: {Users:N0}; items: {ItemsRead:N0} ({ItemsWithoutRatings:N0} without ratings)" + (Genres > 0 ? $"; genres: {Genres}" : "") + (GenreEntriesSkipped > 0 ? $" ({GenreEntriesSkipped:N0} empty or repeated genre names skipped)" : ""));
        if (TagApplicationsRead > 0 || DistinctTags > 0)
            sb.AppendLine($"tags: {TagApplicationsRead:N0} applications read, {DistinctTags:N0} distinct, {TagsKept:N0} kept (min count {MinTagCount}); " +
                          $"{TagPairsKept:N0} movie-tag pairs kept, {TagApplicationsRare:N0} rare, {TagApplicationsDuplicate:N0} duplicate, " +
                          $"{TagApplicationsUnknownMovie:N0} unknown movie, {TagApplicationsEmpty:N0} empty");
        if (LinksRead > 0) sb.AppendLine($"links: {LinksRead:N0}");
        if (UserProfilesRead > 0)
            sb.AppendLine($"user profiles: {UserProfilesRead:N0} read, {UserProfilesWithoutRatings:N0} of users without ratings (ignored), {UsersWithoutProfile:N0} users without a profile");
        foreach (var g in FeatureGroups) sb.AppendLine($"feature group: {g}");
        foreach (var c in IgnoredColumns) sb.AppendLine($"column not used: {c}");
        if (BlankLinesSkipped > 0) sb.AppendLine($"blank lines skipped: {BlankLinesSkipped:N0}");
        foreach (var f in OtherFiles) sb.AppendLine($"also present: {f}");
        sb.Append($"load time: {LoadTime.TotalSeconds:0.00} s");
        foreach (var w in Warnings) sb.Append($"{Environment.NewLine}warning: {w}");
        return sb.ToString();
    }
}

/// <summary>One feature group of a dataset, as the load report lists it.</summary>
/// <param name="Entity">Items or users.</param>
/// <param name="Name">The group's name.</param>
/// <param name="Kind">Multi-hot or categorical.</param>
/// <param name="VocabularySize">Number of distinct values.</param>
/// <param name="RowsWithValue">Items (or users) holding at least one value.</param>
/// <param name="Rows">Items (or users) in all.</param>
public sealed record FeatureGroupSummary(FeatureEntity Entity, string Name, FeatureKind Kind, int VocabularySize, int RowsWithValue, int Rows)
{
    /// <summary>Summarises <paramref name="group"/>.</summary>
    public static FeatureGroupSummary Of(FeatureEntity entity, FeatureGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new(entity, group.Name, group.Kind, group.Vocabulary.Count, group.RowsWithValue, group.Rows);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Entity == FeatureEntity.Item ? "item" : "user")} {Name} ({(Kind == FeatureKind.MultiHot ? "multi-hot" : "categorical")}): {VocabularySize:N0} values, {RowsWithValue:N0} of {Rows:N0} {(Entity == FeatureEntity.Item ? "items" : "users")} with a value";
}
