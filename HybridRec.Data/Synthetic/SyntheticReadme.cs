using System.Globalization;
using System.Text;

namespace HybridRec.Data.Synthetic;

/// <summary>
/// The text of <c>README.txt</c>: that the data is synthetic, the options and seed that reproduce it, what the files
/// hold and how the hidden model works. Deterministic (no dates, no thread counts, <c>\n</c> line ends).
/// </summary>
internal static class SyntheticReadme
{
    /// <summary>The README for a finished dataset.</summary>
    public static string Build(SyntheticOptions o, int minPerUser, int maxPerUser, int moviesWithRatings, long maxPerMovie,
        long[] histogram, long ratings, long tagApplications, int distinctTags, int tagsAtDefaultMin)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(c)).Append('\n');
        void Text(string s) => sb.Append(s).Append('\n');

        Text("Synthetic MovieLens-shaped dataset (HybridRec)");
        Text("==============================================");
        Text("");
        Text("THIS DATA IS SYNTHETIC. It was generated at random by HybridRec.Data.Synthetic.SyntheticMovieLens");
        Line($"(generator version {SyntheticMovieLens.GeneratorVersion}). It describes no real person, movie, rating or tag and is not a");
        Text("GroupLens MovieLens release; it only has the same file layout and a similar shape. Titles, IMDb and TMDb ids are");
        Text("made up. The same options and generator version always give byte-identical files.");
        Text("");
        Text("Options");
        Text("-------");
        Line($"Seed = {o.Seed}");
        Line($"Users = {o.Users}");
        Line($"Movies = {o.Movies}");
        Line($"Ratings = {o.Ratings}");
        Line($"TagApplications = {o.TagApplications}");
        Line($"LatentFactors = {o.LatentFactors}");
        Line($"MinRatingsPerUser = {o.MinRatingsPerUser} (applied: {minPerUser})");
        Line($"GlobalMean = {o.GlobalMean:R}");
        Line($"UserBiasStd = {o.UserBiasStd:R}");
        Line($"MovieBiasStd = {o.MovieBiasStd:R}");
        Line($"InteractionStd = {o.InteractionStd:R}");
        Line($"GenreFactorShare = {o.GenreFactorShare:R}");
        Line($"GenreEffectStd = {o.GenreEffectStd:R}");
        Line($"NoiseStd = {o.NoiseStd:R}");
        Line($"MoviePopularityExponent = {o.MoviePopularityExponent:R}");
        Line($"MoviePopularityOffset = {o.MoviePopularityOffset:R}");
        Line($"UserActivitySigma = {o.UserActivitySigma:R}");
        Line($"TagVocabulary = {o.TagVocabulary}");
        Line($"TagPopularityExponent = {o.TagPopularityExponent:R}");
        Line($"TagPopularityOffset = {o.TagPopularityOffset:R}");
        Line($"TaggerFraction = {o.TaggerFraction:R}");
        Text("");
        Text("Files");
        Text("-----");
        Line($"ratings.csv  userId,movieId,rating,timestamp - {ratings} ratings, sorted by userId then movieId. Ratings are");
        Text("             0.5-5.0 stars in half-star steps (whole stars before 2003-02-18); timestamps are Unix seconds (UTC).");
        Line($"             Every user (ids 1-{o.Users}) has {minPerUser}-{maxPerUser} ratings; no (user, movie) pair repeats.");
        Line($"movies.csv   movieId,title,genres - {o.Movies} movies (ids 1-{o.Movies}), {moviesWithRatings} of them rated (at most {maxPerMovie} times).");
        Text("             Titles look like 'Synthetic Movie 123 (1997)' and contain no commas; genres are |-joined MovieLens");
        Text("             genre labels, or '(no genres listed)'.");
        Line($"tags.csv     userId,movieId,tag,timestamp - {tagApplications} tag applications, {distinctTags} distinct tags,");
        Line($"             {tagsAtDefaultMin} of them used at least {MovieLensLoadOptions.DefaultMinTagCount} times; sorted by userId then movieId.");
        Text("links.csv    movieId,imdbId,tmdbId - made-up unique ids.");
        Text("");
        Text("Rating histogram (stars: count)");
        for (int i = 0; i < histogram.Length; i++) Line($"  {(i + 1) * 0.5:0.0}: {histogram[i]}");
        Text("");
        Text("The hidden model");
        Text("----------------");
        Text("rating(u, m) = round_half_star(GlobalMean + b_u + b_m + p_u . q_m + mean over m's genres g of a(u, g) + NoiseStd * e),");
        Text("clipped to 0.5-5.0, with user biases b_u, movie biases b_m (tied a little to popularity and genre), latent factors");
        Text("p_u, q_m of rank LatentFactors (partly determined by the movie's genres), genre affinities a(u, g) and standard");
        Text("normal noise e. Movies are chosen by users with Zipf-like popularity (rank r weighs ((r + o) / (1 + o))^-s); users'");
        Text("rating counts are the minimum plus a log-normal share. Tags are drawn by Zipf-like popularity and applied");
        Text("preferably to movies of the tag's genre and matching taste. See SyntheticOptions in HybridRec.Data for details.");
        return sb.ToString();
    }
}
