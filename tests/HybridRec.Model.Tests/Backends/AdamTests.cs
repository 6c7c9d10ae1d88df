using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Backends;

public sealed class AdamTests
{
    [Fact]
    public void StepMatchesHandComputedValues()
    {
        // Two Keras Adam steps on p = [1.0, -2.0] with lr 1e-3, β1 0.9, β2 0.999, ε 1e-7.
        // Step 1, g = [0.5, -0.1]:
        //   m = 0.1·g = [0.05, -0.01];  v = 0.001·g² = [0.00025, 0.00001]
        //   α1 = 1e-3·√(1−0.999)/(1−0.9) = 1e-3·0.0316227766/0.1 = 3.16227766e-4
        //   p −= α1·m/(√v + ε): [1 − 3.16227766e-4·0.05/(0.0158113883+1e-7), −2 + 3.16227766e-4·0.01/(0.00316227766+1e-7)]
        // Step 2, g = [0.2, 0.3]:
        //   m = 0.9·m + 0.1·g = [0.065, 0.021];  v = 0.999·v + 0.001·g² = [0.00028975, 0.00009999]
        //   α2 = 1e-3·√(1−0.999²)/(1−0.9²) = 1e-3·0.0447101778/0.19 = 2.35316725e-4
        double[] p = [1.0, -2.0];
        double[] g = [0.5, -0.1];
        double[] m = new double[2], v = new double[2];
        double alpha1 = 1e-3 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        VectorMath<double>.Adam(p, g, m, v, alpha1, 0.9, 0.999, 1e-7);
        double p0 = 1 - 3.16227766016838e-4 * 0.05 / (Math.Sqrt(0.00025) + 1e-7);
        double p1 = -2 + 3.16227766016838e-4 * 0.01 / (Math.Sqrt(0.00001) + 1e-7);
        Assert.Equal(p0, p[0], 12);
        Assert.Equal(p1, p[1], 12);
        Assert.Equal([0.0, 0.0], g); // the step consumes the gradient

        g[0] = 0.2;
        g[1] = 0.3;
        double alpha2 = 1e-3 * Math.Sqrt(1 - 0.999 * 0.999) / (1 - 0.9 * 0.9);
        VectorMath<double>.Adam(p, g, m, v, alpha2, 0.9, 0.999, 1e-7);
        Assert.Equal(0.065, m[0], 12);
        Assert.Equal(0.021, m[1], 12);
        Assert.Equal(0.00028975, v[0], 12);
        Assert.Equal(0.00009999, v[1], 12);
        Assert.Equal(p0 - alpha2 * 0.065 / (Math.Sqrt(0.00028975) + 1e-7), p[0], 12);
        Assert.Equal(p1 - alpha2 * 0.021 / (Math.Sqrt(0.00009999) + 1e-7), p[1], 12);
    }

    [Fact]
    public void StepSizeIsTheBiasCorrectedLearningRate()
    {
        var adam = new AdamOptions { LearningRate = AdamOptions.KerasLearningRate };
        Assert.Equal(3.16227766016838e-4, adam.StepSize(1), 1e-15);
        Assert.Equal(1e-3 * Math.Sqrt(1 - 0.999 * 0.999) / (1 - 0.81), adam.StepSize(2), 1e-15);
        Assert.Equal(1e-3, adam.StepSize(100_000), 1e-9); // bias corrections vanish
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.StepSize(0));
    }

    [Fact]
    public void VectorAndScalarPathsAgreeBitForBit()
    {
        var rng = new SeededRandom(3);
        int n = 37; // several vectors plus a tail
        float[] p = Rand(n, rng), g = Rand(n, rng), m = Rand(n, rng), v = Rand(n, rng).Select(Math.Abs).ToArray();
        float[] p2 = (float[])p.Clone(), g2 = (float[])g.Clone(), m2 = (float[])m.Clone(), v2 = (float[])v.Clone();
        VectorMath<float>.Adam(p, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-7f);
        for (int i = 0; i < n; i++) // one element at a time: the scalar tail only
            VectorMath<float>.Adam(p2.AsSpan(i, 1), g2.AsSpan(i, 1), m2.AsSpan(i, 1), v2.AsSpan(i, 1), 1e-3f, 0.9f, 0.999f, 1e-7f);
        Assert.Equal(p2, p);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
    }

    [Fact]
    public void LazyAdamLeavesUntouchedRowsAloneWhileDenseAdamKeepsThemMoving()
    {
        // Step 1 touches user 0 and movie 0; step 2 touches user 1 and movie 1.
        var (dense, plan) = Network(AdamVariant.Dense);
        var (lazy, _) = Network(AdamVariant.Lazy);
        var layout = dense.Layout;
        dense.TrainBatch(plan, 0);
        lazy.TrainBatch(plan, 0);
        Assert.Equal(dense.Parameters.ToArray(), lazy.Parameters.ToArray()); // identical after one step from zero moments

        var before = lazy.Parameters.ToArray();
        dense.TrainBatch(plan, 1);
        lazy.TrainBatch(plan, 1);
        var row0 = layout.UserCf.Offset; // user 0's collaborative row, not touched by step 2
        var lazyRow = lazy.Parameters.Slice(row0, layout.E).ToArray();
        var denseRow = dense.Parameters.Slice(row0, layout.E).ToArray();
        Assert.Equal(before.AsSpan(row0, layout.E).ToArray(), lazyRow);  // lazy: unchanged
        Assert.NotEqual(before.AsSpan(row0, layout.E).ToArray(), denseRow); // dense: momentum moves it
        // Rows touched by step 2 and the dense slices agree between the variants.
        int user1 = layout.UserCf.Offset + layout.E;
        Assert.Equal(dense.Parameters.Slice(user1, layout.E).ToArray(), lazy.Parameters.Slice(user1, layout.E).ToArray());
        Assert.Equal(dense.Parameters[layout.DenseOffset..].ToArray(), lazy.Parameters[layout.DenseOffset..].ToArray());
        Assert.All(lazy.Gradients.ToArray(), x => Assert.Equal(0f, x)); // gradients cleared
        Assert.All(dense.Gradients.ToArray(), x => Assert.Equal(0f, x));
    }

    private static (CpuNetwork<float>, EpochPlan) Network(AdamVariant variant)
    {
        var genres = SparseFeatures.FromRows([new[] { 0 }, new[] { 1 }], ["a", "b"]);
        var tags = SparseFeatures.FromRows([new[] { 0 }, Array.Empty<int>()], ["t"]);
        var setup = TestOptions.Setup(2, 2, TestOptions.Groups(("genres", genres), ("tags", tags)), FeatureGroupCollection.Empty,
            TestOptions.Model with { EmbeddingSize = 4, UseBiases = true }, 0.5f, new AdamOptions { Variant = variant });
        var layout = setup.Layout;
        var net = new CpuNetwork<float>(setup);
        net.SetParameters(ParameterInitializer.Create(layout, 11));
        var samples = new TrainingSamples([0, 1], [0, 1], [0.9f, 0.1f]);
        return (net, new EpochPlan(samples, 1, 2, 2));
    }

    private static float[] Rand(int n, SeededRandom rng) => Enumerable.Range(0, n).Select(_ => rng.NextSingle() - 0.5f).ToArray();
}
