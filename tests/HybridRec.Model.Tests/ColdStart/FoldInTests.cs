using HybridRec.Data;
using HybridRec.Model.ColdStart;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.ColdStart;

/// <summary><see cref="HybridModel.FoldInUser"/>: the fit, its determinism, what it leaves alone, its lists and its errors.</summary>
public sealed class FoldInTests
{
    // A small model with biases, both L2 terms and two members, trained without the last 5 users' ratings.
    private const int HeldOut = 5;

    private static readonly Lazy<(RatingDataset Data, RatingTable Train, HybridModel Model)> Trained = new(() =>
    {
        var data = SyntheticDataset.Create(users: 40, movies: 50, ratingsPerUser: 15);
        var keep = Enumerable.Range(0, data.Ratings.Count).Where(i => data.Ratings.Users[i] < data.Users.Count - HeldOut).ToArray();
        var train = data.Ratings.Select(keep);
        var model = HybridTrainer.Train(data, train,
            TestOptions.Model with { EmbeddingSize = 6, UseBiases = true, EmbeddingL2 = 1e-3f, EmbeddingTableL2 = 1e-4f },
            TestOptions.Training with { Epochs = 4, BatchSize = 16, ProgressInterval = 0, EnsembleSize = 2, ConcurrentMembers = 1 }).Model;
        return (data, train, model);
    });

    private static HybridModel Model => Trained.Value.Model;

    /// <summary>The ratings of held-out user <paramref name="h"/> (0 … HeldOut − 1), raw ids, in table order.</summary>
    private static List<(int ItemId, float Rating)> RatingsOf(int h)
    {
        var (data, _, _) = Trained.Value;
        int user = data.Users.Count - HeldOut + h;
        var list = new List<(int, float)>();
        for (int i = 0; i < data.Ratings.Count; i++)
            if (data.Ratings.Users[i] == user) list.Add((data.Items.GetRawId(data.Ratings.Items[i]), data.Ratings.Stars[i]));
        return list;
    }

    [Fact]
    public void TheLossDecreasesAndMoreStepsFitBetter()
    {
        var ratings = RatingsOf(0).Take(8).ToList();
        var few = Model.FoldInUser(ratings, new FoldInOptions { Solver = FoldInSolver.Adam, Steps = 5 });
        var many = Model.FoldInUser(ratings, new FoldInOptions { Solver = FoldInSolver.Adam });
        var newton = Model.FoldInUser(ratings);
        Assert.True(few.InitialLoss > 0);
        Assert.Equal(few.InitialLoss, many.InitialLoss);
        Assert.Equal(few.InitialLoss, newton.InitialLoss);
        Assert.True(few.FinalLoss < few.InitialLoss, $"{few.FinalLoss} !< {few.InitialLoss}");
        Assert.True(many.FinalLoss < few.FinalLoss, $"{many.FinalLoss} !< {few.FinalLoss}");
        Assert.True(newton.FinalLoss < few.FinalLoss, $"{newton.FinalLoss} !< {few.FinalLoss}");
        // Without the prior the rows fit the given ratings closer than the zero rows do (Gauss-Newton with a ridge of 0).
        var free = Model.FoldInUser(ratings, new FoldInOptions { L2Scale = 0 });
        var prior = Model.FoldInUser([]);
        double Error(FoldedInUser u) => ratings.Average(r => Math.Pow(Model.PredictStars(u, r.ItemId) - r.Rating, 2));
        Assert.True(Error(free) < 0.5 * Error(prior), $"{Error(free)} vs {Error(prior)}");
    }

    [Fact]
    public void TheFitEndsAtALocalMinimumOfItsObjective()
    {
        // A check of the analytic gradient: after a long fit, no small step along any coordinate lowers the objective.
        var (data, _, model) = Trained.Value;
        var ratings = RatingsOf(1).Take(10).ToList();
        var items = ratings.Select(r => data.Items.GetIndex(r.ItemId)).ToArray();
        var targets = ratings.Select(r => data.Scale.Normalize(r.Rating)).ToArray();
        var scorer = model.Scorers[0];
        var options = new FoldInOptions { Solver = FoldInSolver.Adam, Steps = 20_000, LearningRate = 0.001f };
        float l2 = 0.01f;
        var fit = scorer.FitUser(model.Layout, items, targets, 0f, l2, 0f, options);
        int e = model.Layout.E;
        var theta = fit.Rows.Cf.Concat(fit.Rows.Nn).Append(fit.Rows.Bias).ToArray();
        var grad = new float[theta.Length];
        float[] a = new float[model.Layout.Hn], ga = new float[model.Layout.Hn];
        double at = scorer.LossAndGradient(model.Layout, theta, items, targets, 0f, l2, a, ga, grad);
        Assert.Equal(fit.FinalLoss, at, 1e-9);
        Assert.True(grad.Max(Math.Abs) < 1e-3, $"largest gradient entry {grad.Max(Math.Abs)}");
        for (int j = 0; j < theta.Length; j++)
            foreach (float step in new[] { -0.02f, 0.02f })
            {
                var moved = (float[])theta.Clone();
                moved[j] += step;
                Assert.True(scorer.LossAndGradient(model.Layout, moved, items, targets, 0f, l2, a, ga, new float[theta.Length]) > at, $"coordinate {j} (E {e}), step {step}");
            }
    }

    [Fact]
    public void TheFoldedInRowsPredictAsTheNetworkWithThoseRowsInserted()
    {
        // The serving-form scoring of a folded-in user equals the model whose parameter block holds the fitted rows
        // at a user index (here held-out user 2's own, untrained, rows).
        var (data, train, model) = Trained.Value;
        var folded = model.FoldInUser(RatingsOf(2).Take(6).ToList());
        int user = data.Users.Count - HeldOut + 2, e = model.Layout.E;
        var members = model.Members.Select((p, s) =>
        {
            var copy = (float[])p.Clone();
            var rows = folded.Members[s];
            rows.Cf.CopyTo(copy, model.Layout.UserCf.Offset + user * e);
            rows.Nn.CopyTo(copy, model.Layout.UserNn.Offset + user * e);
            copy[model.Layout.UserBias!.Offset + user] = rows.Bias;
            return copy;
        }).ToList();
        var inserted = HybridModel.Create(data, train, model.Options, model.GlobalOffset, members);
        int userId = data.Users.GetRawId(user);
        foreach (int m in Enumerable.Range(0, data.Items.Count))
        {
            int itemId = data.Items.GetRawId(m);
            Assert.Equal(inserted.PredictStars(userId, itemId), model.PredictStars(folded, itemId), 5e-5f);
        }
        var all = new RecommendOptions { Count = data.Items.Count, ExcludeRated = false };
        Assert.Equal(inserted.Recommend(userId, all).Select(r => r.ItemId), model.Recommend(folded, all).Select(r => r.ItemId));
    }

    [Theory]
    [InlineData(1, 0.01f)]
    [InlineData(5, 0.01f)]
    [InlineData(12, 0.01f)]
    [InlineData(12, 0f)]
    public void GaussNewtonEndsAtALocalMinimumNoWorseThanAdam(int k, float l2)
    {
        // The rating rows' objective is piecewise quadratic: Gauss-Newton stops inside a linear region at its exact minimum,
        // or — when the minimum sits on a kink of the ReLU pattern and the steps zigzag across it — once an iteration gains
        // ≤ 1e-5 of the loss. Its loss is then at most the old 300-step Adam fit's + 1e-4 (normalised units, 0.002 stars²;
        // the initial losses here are 0.02–0.1), and, with a prior (λ > 0), no step of 0.01 along a coordinate lowers it by
        // more than 1e-4. Without one (λ = 0, 12 ratings for 13 unknowns) the minima are not isolated and Gauss-Newton can
        // stop on a kink from which a coordinate step still gains more: only the comparison with Adam holds there.
        var (data, _, model) = Trained.Value;
        for (int h = 0; h < HeldOut; h++)
        {
            var ratings = RatingsOf(h).Take(k).ToList();
            var items = ratings.Select(r => data.Items.GetIndex(r.ItemId)).ToArray();
            var targets = ratings.Select(r => data.Scale.Normalize(r.Rating)).ToArray();
            foreach (var scorer in model.Scorers)
            {
                var newton = scorer.FitRatingRowsNewton(model.Layout, items, targets, 0f, l2, FoldInOptions.DefaultMaxIterations);
                var adam = scorer.FitRatingRowsAdam(model.Layout, items, targets, 0f, l2, new FoldInOptions { Solver = FoldInSolver.Adam });
                Assert.Equal(adam.InitialLoss, newton.InitialLoss);
                Assert.True(newton.FinalLoss <= adam.FinalLoss + 1e-4, $"user {h}, k {k}: Gauss-Newton {newton.FinalLoss} > Adam {adam.FinalLoss}");
                Assert.InRange(newton.Iterations, 1, FoldInOptions.DefaultMaxIterations);
                float[] a = new float[model.Layout.Hn], ga = new float[model.Layout.Hn], grad = new float[newton.Theta.Length];
                double at = scorer.LossAndGradient(model.Layout, newton.Theta, items, targets, 0f, l2, a, ga, grad);
                Assert.Equal(newton.FinalLoss, at, 1e-12);
                for (int j = 0; j < (l2 > 0 ? newton.Theta.Length : 0); j++)
                    foreach (float step in new[] { -0.01f, 0.01f })
                    {
                        var moved = (float[])newton.Theta.Clone();
                        moved[j] += step;
                        Assert.True(scorer.LossAndGradient(model.Layout, moved, items, targets, 0f, l2, a, ga, new float[grad.Length]) > at - 1e-4,
                            $"user {h}, k {k}, coordinate {j}, step {step}");
                    }
            }
        }
    }

    [Fact]
    public void FoldInIsDeterministic()
    {
        var ratings = RatingsOf(3);
        var a = Model.FoldInUser(ratings);
        var b = Model.FoldInUser(ratings);
        var options = new RecommendOptions { Count = 20 };
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        Assert.Equal(Model.Recommend(a, options), Model.Recommend(b, options));
        Assert.Equal(Model.Recommend(a, options), Model.Recommend(a, options with { Parallel = true }));
        for (int s = 0; s < a.Members.Length; s++)
        {
            Assert.Equal(a.Members[s].Cf, b.Members[s].Cf);
            Assert.Equal(a.Members[s].Nn, b.Members[s].Nn);
        }
    }

    [Fact]
    public void TheNetworksOtherParametersAreUntouched()
    {
        var before = Model.Members.Select(p => (float[])p.Clone()).ToList();
        int known = Model.Users.GetRawId(0);
        var knownList = Model.Recommend(known, 10);
        var folded = Model.FoldInUser(RatingsOf(4));
        Model.Recommend(folded, new RecommendOptions { Count = 10 });
        for (int s = 0; s < before.Count; s++) Assert.Equal(before[s], Model.Members[s]);
        Assert.Equal(knownList, Model.Recommend(known, 10));
    }

    [Fact]
    public void AFoldedInUsersListNeverContainsTheRatedItems()
    {
        for (int h = 0; h < HeldOut; h++)
            foreach (int k in new[] { 1, 5, 12 })
            {
                var ratings = RatingsOf(h).Take(k).ToList();
                var folded = Model.FoldInUser(ratings);
                var list = Model.Recommend(folded, new RecommendOptions { Count = RecommendOptions.MaxCount });
                Assert.Equal(Model.Items.Count - ratings.Count, list.Count);
                Assert.DoesNotContain(list, r => ratings.Any(x => x.ItemId == r.ItemId));
                Assert.True(list.Zip(list.Skip(1)).All(p => p.First.Score >= p.Second.Score));
            }
    }

    [Fact]
    public void AUserWithoutRatingsGetsTheMostPopularItems()
    {
        var folded = Model.FoldInUser([]);
        Assert.Equal(0, folded.FinalLoss);
        var counts = Enumerable.Range(0, Model.Items.Count).Select(m => (Id: Model.Items.GetRawId(m), Count: Model.TrainingRatingCount(Model.Items.GetRawId(m)))).ToList();
        var expected = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Id).Take(5).Select(c => c.Id);
        var list = Model.Recommend(folded, new RecommendOptions { Count = 5 });
        Assert.Equal(expected, list.Select(r => r.ItemId));
        Assert.Equal(1f, list[0].Score);
    }

    [Fact]
    public void BadRatingsAreClearArgumentExceptions()
    {
        int known = Model.Items.GetRawId(0), other = Model.Items.GetRawId(1);
        var unknown = Assert.Throws<ArgumentException>(() => Model.FoldInUser([(known, 4f), (7, 3f)]));
        Assert.Contains("ratings[1]: item 7 is not in the model", unknown.Message);
        Assert.Contains("rated twice", Assert.Throws<ArgumentException>(() => Model.FoldInUser([(known, 4f), (other, 3f), (known, 2f)])).Message);
        Assert.Contains("outside the model's scale", Assert.Throws<ArgumentException>(() => Model.FoldInUser([(known, 5.5f)])).Message);
        Assert.Contains("outside the model's scale", Assert.Throws<ArgumentException>(() => Model.FoldInUser([(known, float.NaN)])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.FoldInUser([(known, 4f)], new FoldInOptions { Steps = -1 }));
        Assert.Contains("not one of the model's towers", Assert.Throws<ArgumentException>(() =>
            Model.FoldInUser([(known, 4f)], userFeatures: new Dictionary<string, IReadOnlyList<string>> { ["segment"] = ["seg0"] })).Message);
    }

    [Fact]
    public void AUserFoldedIntoAnotherModelIsRejected()
    {
        var (data, train, model) = Trained.Value;
        var twin = HybridModel.Create(data, train, model.Options, model.GlobalOffset, model.Members);
        var folded = model.FoldInUser(RatingsOf(0).Take(3).ToList());
        Assert.Throws<ArgumentException>(() => twin.Recommend(folded));
        Assert.Throws<ArgumentException>(() => twin.PredictStars(folded, data.Items.GetRawId(0)));
    }

    [Fact]
    public void UserFeaturesFeedTheUserTowers()
    {
        var data = SyntheticDataset.Create(users: 30, movies: 30, ratingsPerUser: 10, segments: 3);
        var trained = HybridTrainer.Train(data, data.Ratings, TestOptions.Model with { EmbeddingSize = 4, UseBiases = true, UserFeatureGroups = ["segment"] },
            TestOptions.Training with { Epochs = 2, BatchSize = 16, ProgressInterval = 0 }).Model;
        // A live segment tower (training this briefly may leave it dead): value j adds (j + 1)/2 to the tower's output.
        var tower = Assert.Single(trained.Layout.UserTowers);
        var p = (float[])trained.Members[0].Clone();
        for (int j = 0; j < tower.Vocabulary; j++)
            for (int c = 0; c < tower.Width; c++) p[tower.Kernel.Offset + j * tower.Width + c] = c == 0 ? (j + 1) / 2f : 0f;
        p.AsSpan(tower.Bias.Offset, tower.Width).Clear();
        p.AsSpan(trained.Layout.OutKernel.Offset + tower.ConcatColumn, tower.Width).Fill(1f);
        var model = HybridModel.Create(data, data.Ratings, trained.Options, trained.GlobalOffset, p);
        var ratings = new List<(int, float)> { (data.Items.GetRawId(0), 4f), (data.Items.GetRawId(1), 2f) };
        var segments = new[] { "seg0", "seg1", "seg2" }.Select(s =>
            model.FoldInUser(ratings, userFeatures: new Dictionary<string, IReadOnlyList<string>> { ["segment"] = [s] })).ToList();
        var none = model.FoldInUser(ratings);
        var predictions = segments.Append(none).Select(u =>
        {
            var scores = new float[model.Items.Count];
            model.ScoreItems(u, scores);
            return scores[5];
        }).ToList();
        Assert.Equal(4, predictions.Distinct().Count());
        Assert.Contains("not in its vocabulary", Assert.Throws<ArgumentException>(() =>
            model.FoldInUser(ratings, userFeatures: new Dictionary<string, IReadOnlyList<string>> { ["segment"] = ["seg9"] })).Message);
        Assert.Contains("categorical", Assert.Throws<ArgumentException>(() =>
            model.FoldInUser(ratings, userFeatures: new Dictionary<string, IReadOnlyList<string>> { ["segment"] = ["seg0", "seg1"] })).Message);
    }
}
