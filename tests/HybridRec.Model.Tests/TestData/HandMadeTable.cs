using HybridRec.Data;

namespace HybridRec.Model.Tests.TestData;

/// <summary>
/// A ratings table small enough to rank by hand. Items (raw ids) 10, 20, 30, 40, 50, added out of order: their
/// indices 0 … 4 follow the raw ids. Users 1, 2, 3 → indices 0, 1, 2.
/// <code>
/// training: user 1 rated 10 (5), 20 (3); user 2 rated 20 (4), 30 (2); user 3 rated 20 (5), 40 (4)
///           counts: 20 → 3; 10, 30, 40 → 1 each; 50 → 0
/// held out: user 1: 30 (4), 50 (5); user 2: 10 (3); user 3: 10 (4.5), 30 (1)
/// </code>
/// </summary>
internal static class HandMadeTable
{
    public static (RatingDataset Data, RatingSplit Split) Create()
    {
        var data = new RatingDatasetBuilder("hand-made") { Scale = RatingScale.HalfStars }
            .AddItem(50, "Fifty").AddItem(30, "Thirty").AddItem(10, "Ten").AddItem(40, "Forty").AddItem(20, "Twenty")
            .AddRating(1, 10, 5).AddRating(1, 20, 3)
            .AddRating(2, 20, 4).AddRating(2, 30, 2)
            .AddRating(3, 20, 5).AddRating(3, 40, 4)
            .AddRating(1, 30, 4).AddRating(1, 50, 5)
            .AddRating(2, 10, 3)
            .AddRating(3, 10, 4.5f).AddRating(3, 30, 1)
            .Build();
        // The first six ratings are the training split, the rest the held-out part.
        var order = Enumerable.Range(0, data.Ratings.Count).ToArray();
        bool IsTraining(int i) => Array.IndexOf(TrainingPairs, (data.Users.GetRawId(data.Ratings.Users[i]), data.Items.GetRawId(data.Ratings.Items[i]))) >= 0;
        var train = data.Ratings.Select(order.Where(IsTraining).ToArray());
        var test = data.Ratings.Select(order.Where(i => !IsTraining(i)).ToArray());
        return (data, new RatingSplit("hand-made", train, test));
    }

    private static readonly (int User, int Item)[] TrainingPairs = [(1, 10), (1, 20), (2, 20), (2, 30), (3, 20), (3, 40)];
}
