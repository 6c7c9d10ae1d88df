using FsCheck;
using FsCheck.Fluent;
using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Scoring;
using HybridRec.Model.Tests.Backends;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Scoring;

/// <summary>
/// The serving form (precomputed per-user and per-item terms, the user towers in the per-user constant) against the
/// reference network's forward pass in double, for every (user, item) pair of random shapes and parameters, with
/// and without biases, with 0–2 item towers and 0–2 user towers.
/// Tolerance |ref − scorer| ≤ 3e-5 + 1e-5·|ref|: float rounding of sums of up to a few hundred terms of size ≲ 1.
/// </summary>
public sealed class MemberScorerTests
{
    public sealed record Case(int Users, int Items, int ItemGroups, int UserGroups, int Vocabulary, int E, int Hn, int Width, bool Biases, int Seed);

    private static Gen<Case> CaseGen =>
        from users in Gen.Choose(1, 7)
        from items in Gen.Choose(1, 9)
        from itemGroups in Gen.Choose(0, 2)
        from userGroups in Gen.Choose(0, 2)
        from vocabulary in Gen.Choose(0, 12)
        from e in Gen.Choose(1, 24)
        from hn in Gen.Choose(1, 40)
        from width in Gen.Choose(1, 9)
        from biases in Gen.Elements(true, false)
        from seed in Gen.Choose(0, 1_000_000)
        select new Case(users, items, itemGroups, userGroups, vocabulary, e, hn, width, biases, seed);

    [Fact]
    public void ScoresEqualTheReferenceForwardPass()
    {
        double largest = 0;
        bool userTowersSeen = false;
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var rng = new SeededRandom(c.Seed);
            var itemGroups = TestOptions.Groups(Enumerable.Range(0, c.ItemGroups).Select(g => ($"ig{g}", GradientCheckTests.RandomFeatures(c.Items, c.Vocabulary + g, rng))).ToArray());
            var userGroups = TestOptions.Groups(Enumerable.Range(0, c.UserGroups).Select(g => ($"ug{g}", GradientCheckTests.RandomFeatures(c.Users, c.Vocabulary + 1 - g, rng))).ToArray());
            var options = TestOptions.Model with { EmbeddingSize = c.E, NeuralWidth = c.Hn, TowerWidth = c.Width, UseBiases = c.Biases, UserFeatureGroups = null };
            const float offset = 0.37f;
            var setup = TestOptions.Setup(c.Users, c.Items, itemGroups, userGroups, options, offset);
            var values = new float[setup.Layout.Count];
            for (int i = 0; i < values.Length; i++) values[i] = rng.NextSingle() - 0.5f;

            var reference = new CpuNetwork<double>(setup);
            reference.SetParameters(values);
            var scorer = new MemberScorer(setup.Layout, values, itemGroups, userGroups, offset);
            int n = c.Users * c.Items;
            var users = new int[n];
            var items = new int[n];
            for (int i = 0; i < n; i++) (users[i], items[i]) = (i / c.Items, i % c.Items);
            var expected = new double[n];
            reference.Predict(users, items, expected);
            var actual = new double[n];
            for (int i = 0; i < n; i++) actual[i] = scorer.Score(users[i], items[i]);

            var check = KernelCheck.Compare(expected, actual, atol: 3e-5, rtol: 1e-5);
            Assert.True(check.Passed, $"{c}: {check}");
            largest = Math.Max(largest, check.MaxAbsDiff);
            userTowersSeen |= c.UserGroups > 0 && c.Users > 1;
            return true;
        }).Check(Properties.Deterministic(80));
        Assert.True(largest > 0, "the scorer reproduced the reference bit for bit everywhere; the comparison is suspiciously exact");
        Assert.True(userTowersSeen);
    }

    [Fact]
    public void UserTowersChangeTheScoresOfTheirUsersOnly()
    {
        // Two users who differ only in their user feature: the scores differ exactly by the difference of their user towers' terms.
        var rng = new SeededRandom(5);
        var itemGroups = TestOptions.Groups(("ig0", GradientCheckTests.RandomFeatures(4, 3, rng)));
        var userGroups = TestOptions.Groups(("ug0", SparseFeatures.FromRows([[0], [1], [0]], ["a", "b"])));
        var options = TestOptions.Model with { EmbeddingSize = 3, UseBiases = true, UserFeatureGroups = null };
        var setup = TestOptions.Setup(3, 4, itemGroups, userGroups, options, 0.2f);
        var values = Enumerable.Range(0, setup.Layout.Count).Select(_ => rng.NextSingle() - 0.5f).ToArray();
        // Users 0 and 2 get identical embeddings and bias; they share user feature 'a'.
        var l = setup.Layout;
        foreach (var slice in new[] { l.UserCf, l.UserNn })
            Array.Copy(values, slice.Offset, values, slice.Offset + 2 * slice.Columns, slice.Columns);
        values[l.UserBias!.Offset + 2] = values[l.UserBias.Offset];
        var scorer = new MemberScorer(l, values, itemGroups, userGroups, 0.2f);
        for (int m = 0; m < 4; m++) Assert.Equal(scorer.Score(0, m), scorer.Score(2, m));
        var tower = l.UserTowers[0];
        values[tower.Kernel.Offset] += 1f;   // feature 'a' of the user tower moves users 0 and 2, not user 1
        var moved = new MemberScorer(l, values, itemGroups, userGroups, 0.2f);
        Assert.NotEqual(scorer.Score(0, 1), moved.Score(0, 1));
        Assert.Equal(scorer.Score(1, 1), moved.Score(1, 1));
    }

    [Fact]
    public void OutOfRangeIndicesAreRejected()
    {
        var layout = new ParameterLayout(new ModelDimensions(2, 3), TestOptions.Model with { EmbeddingSize = 2 });
        var scorer = new MemberScorer(layout, new float[layout.Count], FeatureGroupCollection.Empty, FeatureGroupCollection.Empty, 0f);
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Score(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Score(0, -1));
        Assert.Throws<ArgumentException>(() => new MemberScorer(layout, new float[layout.Count - 1], FeatureGroupCollection.Empty, FeatureGroupCollection.Empty, 0f));
    }
}
