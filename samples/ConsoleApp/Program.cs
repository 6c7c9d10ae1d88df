// A consumer of the HybridRec.Model package: train on the first ratings of a MovieLens release, evaluate, recommend,
// save the model, load it back, fold in a new user and score a new movie. CPU only: no GPU driver is needed.
// usage: ConsoleApp <MovieLens release: directory or .zip> <model file to write> [ratings to read, default 20000]
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Training;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ConsoleApp <MovieLens release (directory or .zip)> <model.hrec> [max ratings]");
    return 2;
}
int maxRatings = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20_000;

var data = MovieLensLoader.Load(args[0], new MovieLensLoadOptions { MinTagCount = HybridPresets.Tuned.MinTagCount, MaxRatings = maxRatings });
Console.WriteLine($"loaded {data.Ratings.Count:N0} ratings of {data.Users.Count:N0} users on {data.Items.Count:N0} movies");
var split = RatingSplits.Random(data.Ratings, testFraction: 0.2, seed: 42);

// The library's default configuration, made small for a quick start: one model, a few epochs.
var config = HybridPresets.Tuned with { Training = HybridPresets.Tuned.Training with { EnsembleSize = 1, Epochs = 5, ProgressInterval = 0 } };
var result = HybridTrainer.Train(data, split.Train, config);
var test = result.Model.Evaluate(split.Test);
Console.WriteLine($"trained on {result.Backend}: test RMSE {test.RmseStars:0.0000} stars, MAE {test.MaeStars:0.0000} stars on {test.Count:N0} ratings");

int userId = data.Users.GetRawId(0);
var recommendations = result.Model.Recommend(userId, count: 3);
Console.WriteLine($"top 3 for user {userId}:");
foreach (var r in recommendations) Console.WriteLine($"  {r.Name} (movie {r.ItemId}): {r.PredictedRating:0.00} stars");

result.Model.Save(args[1]);
var loaded = HybridModel.Load(args[1]);
if (!loaded.Recommend(userId, count: 3).SequenceEqual(recommendations))
{
    Console.Error.WriteLine("the loaded model recommends differently");
    return 1;
}
Console.WriteLine($"saved {args[1]} and loaded it back: same recommendations");

// A user the model has never seen, folded in from three ratings (no retraining), and a movie it has never seen.
var newUser = loaded.FoldInUser([(data.Items.GetRawId(0), 5f), (data.Items.GetRawId(1), 4f), (data.Items.GetRawId(2), 1f)]);
var forNewUser = loaded.Recommend(newUser, new RecommendOptions { Count = 3 });
Console.WriteLine($"new user from 3 ratings: {string.Join("; ", forNewUser.Select(r => $"{r.Name} ({r.PredictedRating:0.0})"))}");
var newMovie = loaded.DescribeNewItem(new Dictionary<string, IReadOnlyList<string>> { ["genres"] = ["Comedy"] }, "a new comedy");
Console.WriteLine($"a new comedy for user {userId}: {loaded.ScoreNewItem(userId, newMovie).PredictedRating:0.00} predicted");
return forNewUser.Count == 3 ? 0 : 1;
