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

    /// <summary>Ratings kept in <see cref="MovieLensDataset.Ratings"/>.</summary>
    public long RatingsKept { get; set; }

    /// <summary>Ratings not read because of <see cref="MovieLensLoadOptions.MaxRatings"/>.</summary>
    public long RatingsSkippedByLimit { get; set; }

    /// <summary>Ratings dropped because a later line rated the same (user, movie) pair.</summary>
    public long DuplicateRatings { get; set; }

    /// <summary>Movies in the movie list.</summary>
    public int MoviesRead { get; set; }

    /// <summary>Movies in the movie list with no kept rating (they keep an index; content features still describe them).</summary>
    public int MoviesWithoutRatings { get; set; }

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

    /// <summary>User profile lines counted in <c>users.dat</c> (ml-1m) or <c>u.user</c> (ml-100k); 0 when absent. Profiles are not loaded.</summary>
    public long UserProfilesRead { get; set; }

    /// <summary>Lines of <c>links.csv</c> read (0 when absent).</summary>
    public long LinksRead { get; set; }

    /// <summary>Optional files present but not loaded into the dataset (e.g. genome-scores.csv), with their line counts when counted.</summary>
    public List<string> OtherFiles { get; } = [];

    /// <summary>Wall time of the load.</summary>
    public TimeSpan LoadTime { get; set; }

    /// <summary>A multi-line summary for consoles and logs.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Release.Length > 0) sb.AppendLine($"release: {Release}");
        sb.AppendLine($"ratings: {RatingsRead:N0} read, {RatingsKept:N0} kept, {RatingsSkippedByLimit:N0} skipped by limit, {DuplicateRatings:N0} duplicates dropped");
        sb.AppendLine($"users: {Users:N0}; movies: {MoviesRead:N0} ({MoviesWithoutRatings:N0} without ratings); genres: {Genres}" + (GenreEntriesSkipped > 0 ? $" ({GenreEntriesSkipped:N0} empty or repeated genre names skipped)" : ""));
        sb.AppendLine($"tags: {TagApplicationsRead:N0} applications read, {DistinctTags:N0} distinct, {TagsKept:N0} kept (min count {MinTagCount}); " +
                      $"{TagPairsKept:N0} movie-tag pairs kept, {TagApplicationsRare:N0} rare, {TagApplicationsDuplicate:N0} duplicate, " +
                      $"{TagApplicationsUnknownMovie:N0} unknown movie, {TagApplicationsEmpty:N0} empty");
        if (LinksRead > 0) sb.AppendLine($"links: {LinksRead:N0}");
        if (UserProfilesRead > 0) sb.AppendLine($"user profiles: {UserProfilesRead:N0} (counted, not loaded)");
        if (BlankLinesSkipped > 0) sb.AppendLine($"blank lines skipped: {BlankLinesSkipped:N0}");
        foreach (var f in OtherFiles) sb.AppendLine($"also present: {f}");
        sb.Append($"load time: {LoadTime.TotalSeconds:0.00} s");
        foreach (var w in Warnings) sb.Append($"{Environment.NewLine}warning: {w}");
        return sb.ToString();
    }
}
