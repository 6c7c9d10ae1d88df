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
/// The serving form (precomputed per-user and per-movie terms) against the reference network's forward pass in
/// double, for every (user, movie) pair of random shapes and parameters, with and without biases.
/// Tolerance |ref − scorer| ≤ 3e-5 + 1e-5·|ref|: float rounding of sums of up to a few hundred terms of size ≲ 1.
/// </summary>
public sealed class MemberScorerTests
{
    public sealed record Case(int Users, int Movies, int Genres, int Tags, int E, int Hn, int Hg, int Ht, bool Biases, int Seed);

    private static Gen<Case> CaseGen =>
        from users in Gen.Choose(1, 7)
        from movies in Gen.Choose(1, 9)
        from genres in Gen.Choose(0, 5)
        from tags in Gen.Choose(0, 12)
        from e in Gen.Choose(1, 24)
        from hn in Gen.Choose(1, 40)
        from hg in Gen.Choose(1, 9)
        from ht in Gen.Choose(1, 9)
        from biases in Gen.Elements(true, false)
        from seed in Gen.Choose(0, 1_000_000)
        select new Case(users, movies, genres, tags, e, hn, hg, ht, biases, seed);

    [Fact]
    public void ScoresEqualTheReferenceForwardPass()
    {
        double largest = 0;
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var rng = new SeededRandom(c.Seed);
            var options = new HybridModelOptions { EmbeddingSize = c.E, NeuralWidth = c.Hn, GenreWidth = c.Hg, TagWidth = c.Ht, UseBiases = c.Biases };
            var layout = new ParameterLayout(new ModelDimensions(c.Users, c.Movies, c.Genres, c.Tags), options);
            var genres = GradientCheckTests.RandomFeatures(c.Movies, c.Genres, rng);
            var tags = GradientCheckTests.RandomFeatures(c.Movies, c.Tags, rng);
            var values = new float[layout.Count];
            for (int i = 0; i < values.Length; i++) values[i] = rng.NextSingle() - 0.5f;
            const float offset = 0.37f;

            var reference = new CpuNetwork<double>(new BackendSetup(layout, genres, tags, offset, new AdamOptions(), Threads: 1));
            reference.SetParameters(values);
            var scorer = new MemberScorer(layout, values, genres, tags, offset);
            int n = c.Users * c.Movies;
            var users = new int[n];
            var movies = new int[n];
            for (int i = 0; i < n; i++) (users[i], movies[i]) = (i / c.Movies, i % c.Movies);
            var expected = new double[n];
            reference.Predict(users, movies, expected);
            var actual = new double[n];
            for (int i = 0; i < n; i++) actual[i] = scorer.Score(users[i], movies[i]);

            var check = KernelCheck.Compare(expected, actual, atol: 3e-5, rtol: 1e-5);
            Assert.True(check.Passed, $"{c}: {check}");
            largest = Math.Max(largest, check.MaxAbsDiff);
            return true;
        }).Check(Properties.Deterministic(80));
        Assert.True(largest > 0, "the scorer reproduced the reference bit for bit everywhere; the comparison is suspiciously exact");
    }

    [Fact]
    public void OutOfRangeIndicesAreRejected()
    {
        var layout = new ParameterLayout(new ModelDimensions(2, 3, 0, 0), new HybridModelOptions { EmbeddingSize = 2 });
        var scorer = new MemberScorer(layout, new float[layout.Count], SparseFeatures.Empty(3), SparseFeatures.Empty(3), 0f);
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Score(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Score(0, -1));
        Assert.Throws<ArgumentException>(() => new MemberScorer(layout, new float[layout.Count - 1], SparseFeatures.Empty(3), SparseFeatures.Empty(3), 0f));
    }
}
