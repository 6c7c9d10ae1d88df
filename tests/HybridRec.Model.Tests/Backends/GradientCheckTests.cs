using FsCheck;
using FsCheck.Fluent;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;
using HybridRec.Model.Tests.TestData;
using HybridRec.Model.Training;

namespace HybridRec.Model.Tests.Backends;

/// <summary>
/// The managed backend's analytic gradient against central finite differences, in double precision, for every
/// parameter of every slice — item towers, user towers and the ranking head included — over random small shapes (0–2
/// item and 0–2 user feature groups, ranking head off or Er 1–3 with 1–4 negatives, weight, logQ and λt on the head
/// random; tiny catalogues, so some candidates are masked), options, batches and parameter values.
/// Tolerance: |analytic − fd| ≤ 1e-7 + 1e-5·|fd| with step h = 1e-6 (double: truncation ~h², rounding ~1e-10).
/// A parameter whose difference quotient is not stable between h and h/2 straddles a ReLU kink and is skipped;
/// the test asserts that such skips are rare.
/// </summary>
public sealed class GradientCheckTests
{
    public sealed record Case(int Users, int Items, int[] ItemVocabularies, int[] UserVocabularies, int[] ItemWidths, int[] UserWidths,
        int E, int Hn, bool Biases, bool L2, int BatchSize, int Seed, int Er = 0, int Negatives = 1, float RankWeight = 1f, bool LogQ = true, bool HeadTableL2 = true)
    {
        public override string ToString() =>
            $"Case(U {Users}, M {Items}, item groups [{string.Join(",", ItemVocabularies)}] widths [{string.Join(",", ItemWidths)}], " +
            $"user groups [{string.Join(",", UserVocabularies)}] widths [{string.Join(",", UserWidths)}], E {E}, Hn {Hn}, biases {Biases}, L2 {L2}, batch {BatchSize}, seed {Seed}, " +
            $"ranking Er {Er} k {Negatives} weight {RankWeight} logQ {LogQ} head λt {HeadTableL2})";
    }

    private static Gen<Case> CaseGen =>
        from users in Gen.Choose(1, 5)
        from items in Gen.Choose(1, 6)
        from itemGroups in Gen.Choose(0, 2)
        from userGroups in Gen.Choose(0, 2)
        from v0 in Gen.Choose(0, 4)
        from v1 in Gen.Choose(0, 3)
        from u0 in Gen.Choose(0, 4)
        from u1 in Gen.Choose(0, 3)
        from w0 in Gen.Choose(1, 3)
        from w1 in Gen.Choose(1, 3)
        from e in Gen.Choose(1, 6)
        from hn in Gen.Choose(1, 4)
        from biases in Gen.Elements(true, false)
        from l2 in Gen.Elements(true, false)
        from batch in Gen.Choose(1, 9)
        from seed in Gen.Choose(0, 1_000_000)
        from er in Gen.Elements(0, 1, 2, 3, 3)
        from k in Gen.Choose(1, 4)
        from weight in Gen.Elements(0.5f, 1f, 2.5f)
        from logQ in Gen.Elements(true, false)
        from headTableL2 in Gen.Elements(true, false)
        select new Case(users, items, new[] { v0, v1 }[..itemGroups], new[] { u0, u1 }[..userGroups], new[] { w0, w1 }[..itemGroups], new[] { w1, w0 }[..userGroups],
            e, hn, biases, l2, batch, seed, er, k, weight, logQ, headTableL2);

    [Fact]
    public void AnalyticGradientMatchesFiniteDifferencesForEverySlice()
    {
        int checkedValues = 0, skipped = 0;
        var slicesSeen = new HashSet<string>();
        Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var (net, plan) = Build(c);
            var analytic = new double[net.Layout.Count];
            net.Gradients.Clear();
            net.ComputeGradients(plan, 0);
            net.Gradients.CopyTo(analytic);

            var p = net.Parameters;
            const double h = 1e-6;
            foreach (var slice in net.Layout.Slices)
            {
                for (int i = slice.Offset; i < slice.End; i++)
                {
                    double fd1 = CentralDifference(net, plan, p, i, h);
                    double fd2 = CentralDifference(net, plan, p, i, h / 2);
                    if (Math.Abs(fd1 - fd2) > 1e-6 + 1e-4 * Math.Abs(fd1)) { skipped++; continue; } // a ReLU kink lies within h
                    double tol = 1e-7 + 1e-5 * Math.Abs(fd1);
                    if (Math.Abs(analytic[i] - fd1) > tol)
                        throw new Exception($"{c}: slice '{slice.Name}' element {i - slice.Offset}: analytic {analytic[i]:R} vs finite difference {fd1:R} (|diff| {Math.Abs(analytic[i] - fd1):E3} > {tol:E3})");
                    checkedValues++;
                    if (analytic[i] != 0) slicesSeen.Add(slice.Name);
                }
            }
            return true;
        }).Check(Properties.Deterministic(80));

        Assert.True(skipped * 200 < checkedValues, $"{skipped} of {checkedValues + skipped} values straddled a kink; expected far fewer.");
        // Every kind of slice was checked with a non-zero gradient somewhere, the user towers' kernels and biases included.
        foreach (var name in new[] { "user_cf", "user_nn", "item_cf", "item_nn", "user_bias", "item_bias", "nn_kernel", "nn_bias",
                     "item_ig0_kernel", "item_ig0_bias", "item_ig1_kernel", "item_ig1_bias", "user_ug0_kernel", "user_ug0_bias", "user_ug1_kernel", "user_ug1_bias",
                     "out_kernel", "out_bias", "user_rank", "item_rank", "item_rank_bias" })
            Assert.Contains(name, slicesSeen);
    }

    private static double CentralDifference(CpuNetwork<double> net, EpochPlan plan, Span<double> p, int i, double h)
    {
        double saved = p[i];
        p[i] = saved + h;
        double plus = net.Objective(plan, 0);
        p[i] = saved - h;
        double minus = net.Objective(plan, 0);
        p[i] = saved;
        return (plus - minus) / (2 * h);
    }

    internal static (CpuNetwork<double> Net, EpochPlan Plan) Build(Case c)
    {
        var rng = new SeededRandom(c.Seed);
        var itemGroups = TestOptions.Groups(c.ItemVocabularies.Select((v, g) => ($"ig{g}", RandomFeatures(c.Items, v, rng))).ToArray());
        var userGroups = TestOptions.Groups(c.UserVocabularies.Select((v, g) => ($"ug{g}", RandomFeatures(c.Users, v, rng))).ToArray());
        var options = TestOptions.Model with
        {
            EmbeddingSize = c.E, NeuralWidth = c.Hn, UseBiases = c.Biases, UserFeatureGroups = null,
            ItemTowerWidths = c.ItemWidths.Select((w, g) => ($"ig{g}", w)).ToDictionary(x => x.Item1, x => x.w),
            UserTowerWidths = c.UserWidths.Select((w, g) => ($"ug{g}", w)).ToDictionary(x => x.Item1, x => x.w),
            EmbeddingL2 = c.L2 ? 0.3f : 0f, EmbeddingTableL2 = c.L2 ? 0.15f : 0f, DenseL2 = c.L2 ? 0.2f : 0f,
        };
        options = options with { RankingEmbeddingSize = c.Er };
        var setup = TestOptions.Setup(c.Users, c.Items, itemGroups, userGroups, options, offset: 0.37f);
        var values = new double[setup.Layout.Count];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() - 0.5;

        var users = new int[c.BatchSize];
        var items = new int[c.BatchSize];
        var targets = new float[c.BatchSize];
        for (int i = 0; i < c.BatchSize; i++)
        {
            users[i] = rng.NextInt(c.Users);
            items[i] = rng.NextInt(c.Items);
            targets[i] = rng.NextSingle();
        }
        var samples = new TrainingSamples(users, items, targets);
        NegativeSampler? negatives = null;
        if (c.Er > 0)
        {
            var ranking = new RankingLossOptions { Negatives = c.Negatives, Weight = c.RankWeight, LogQCorrection = c.LogQ, TableL2 = c.HeadTableL2 };
            negatives = new NegativeSampler(samples, c.Users, c.Items, ranking);
            setup = setup.WithRanking(ranking, negatives);
        }
        var net = new CpuNetwork<double>(setup);
        net.SetParameters(values);
        var plan = new EpochPlan(samples, c.BatchSize, c.Users, c.Items, negatives);
        plan.Shuffle(new SeededRandom(c.Seed), c.Seed + 1);
        return (net, plan);
    }

    internal static SparseFeatures RandomFeatures(int rows, int columns, SeededRandom rng)
    {
        var lists = new List<IEnumerable<int>>();
        for (int r = 0; r < rows; r++)
        {
            var set = new HashSet<int>();
            for (int j = 0; j < columns; j++)
                if (rng.NextDouble() < 0.5) set.Add(j);
            lists.Add(set);
        }
        return SparseFeatures.FromRows(lists, Enumerable.Range(0, columns).Select(j => $"f{j}").ToArray());
    }
}
