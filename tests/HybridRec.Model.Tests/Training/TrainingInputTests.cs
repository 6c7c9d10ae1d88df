using HybridRec.Data;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Training;

/// <summary>
/// What the trainer and the model refuse before doing any work, with a message that says what and where: tables
/// that do not fit the dataset, empty tables and validation parts, indices out of range.
/// </summary>
public sealed class TrainingInputTests
{
    private static readonly RatingDataset Data = SyntheticDataset.Create(users: 10, movies: 12, ratingsPerUser: 6);
    private static readonly RatingDataset Bigger = SyntheticDataset.Create(users: 20, movies: 30, ratingsPerUser: 6);
    private static readonly HybridModelOptions Model = TestOptions.Model with { EmbeddingSize = 3 };
    private static readonly TrainingOptions Run = TestOptions.Training with { Epochs = 1, BatchSize = 8, ProgressInterval = 0 };

    private static RatingTable Table(params (int User, int Item, float Stars)[] rows) =>
        new([.. rows.Select(r => r.User)], [.. rows.Select(r => r.Item)], [.. rows.Select(r => r.Stars)]);

    [Fact]
    public void RatingsWhoseIndicesDoNotFitTheDatasetAreRejectedNamingTheFirstBadRow()
    {
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Table((0, 0, 3f), (1, 2, 4f), (10, 2, 4f), (11, 2, 1f)), Model, Run));
        Assert.Equal("rating 2 of the training table has user index 10, but dataset 'synthetic-test' has 10 users (indices 0 to 9): is the table from another dataset?", e.Message);
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Table((0, -1, 3f)), Model, Run));
        Assert.StartsWith("rating 0 of the training table has item index -1, but dataset 'synthetic-test' has 12 items", e.Message);
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Table((0, 1, 3f), (2, 3, float.NaN)), Model, Run));
        Assert.Equal("rating 1 of the training table (user index 2, item index 3) is NaN, not a finite value.", e.Message);
        // A split of another, larger dataset: the first rating of a user or item the small one does not have is named.
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Bigger.Ratings, Model, Run));
        Assert.Contains("is the table from another dataset?", e.Message);
        // Creating a model from a table is checked the same way.
        e = Assert.Throws<ArgumentException>(() => HybridModel.Create(Data, Bigger.Ratings, Model, 0f, new float[1]));
        Assert.Contains("is the table from another dataset?", e.Message);
    }

    [Fact]
    public void AnEmptyTableAndAScaleThatCannotNormaliseAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, RatingTable.Empty, Model, Run));
        Assert.Equal("the training table has no ratings (dataset 'synthetic-test').", e.Message);
        var odd = new RatingDataset
        {
            Name = "odd", Source = "memory", Format = Data.Format, Scale = new RatingScale(1f, 5f, 3f), Users = Data.Users, Items = Data.Items,
            ItemNames = Data.ItemNames, ItemFeatures = Data.ItemFeatures, Ratings = Data.Ratings, Report = Data.Report,
        };
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(odd, Data.Ratings, Model, Run));
        Assert.Equal("dataset 'odd': the rating scale 1.0–5.0 stars in steps of 3.0 cannot normalise ratings: step 3 does not divide the range 1 to 5 (1.3333 steps).", e.Message);
    }

    [Fact]
    public void AnEmptyValidationPartIsAnErrorWhenSomethingNeedsItAndAWarningOtherwise()
    {
        var four = Data.Ratings.Take(4);   // 10 % of 4 ratings rounds to 0
        var e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, four, Model, Run with { Patience = 2, RestoreBestEpoch = true }));
        Assert.Equal("the validation part is empty: ValidationFraction 0.1 of 4 training ratings rounds to 0 ratings, but early stopping (Patience 2), " +
                     "restoring the best epoch (RestoreBestEpoch) need one; train on more ratings, raise ValidationFraction, or turn those off.", e.Message);
        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, four, Model, Run with { LearningRateDecay = 0.5f }));
        Assert.Contains("learning-rate decay on plateau (LearningRateDecay) needs one", e.Message);

        var result = HybridTrainer.Train(Data, four, Model, Run);
        Assert.Equal(["the validation part is empty: ValidationFraction 0.1 of 4 training ratings rounds to 0 ratings, so no epoch was validated (validation RMSE NaN)."], result.Warnings);
        Assert.True(double.IsNaN(result.History[0].ValidationRmse));
        Assert.Equal(4, result.TrainSamples);
        Assert.Empty(HybridTrainer.Train(Data, four, Model, Run with { ValidationFraction = 0 }).Warnings);   // none was asked for

        e = Assert.Throws<ArgumentException>(() => HybridTrainer.Train(Data, Data.Ratings.Take(1), Model, Run with { ValidationFraction = 0.6 }));
        Assert.Equal("the validation part (0.6 of 1 training ratings: 1) leaves no rating to fit on.", e.Message);
    }

    [Fact]
    public void PredictionIndicesOutOfRangeAreNamed()
    {
        var model = HybridTrainer.Train(Data, Data.Ratings, Model, Run).Model;
        var output = new float[3];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictNormalized([0, 1, 2], [0, 12, 1], output));
        Assert.Equal("items", e.ParamName);
        Assert.Equal(12, e.ActualValue);
        Assert.StartsWith("items[1] is 12, not an item index of the model (0 to 11).", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictNormalized([0, -3, 2], [0, 1, 1], output));
        Assert.Equal("users", e.ParamName);
        Assert.StartsWith("users[1] is -3, not a user index of the model (0 to 9).", e.Message);
        Assert.Throws<ArgumentException>(() => model.PredictNormalized([0, 1], [0], output));
        Assert.Throws<ArgumentException>(() => model.PredictNormalized([0, 1, 2, 3], [0, 1, 2, 3], output));
        // Evaluating a table of another dataset fails the same way instead of reading out of bounds.
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(Bigger.Ratings));
    }
}
