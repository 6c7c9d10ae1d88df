using FsCheck;
using FsCheck.Fluent;
using HybridRec.Data;
using HybridRec.Model.Tuning;

namespace HybridRec.Model.Tests.Tuning;

/// <summary>FsCheck generators of random search spaces and histories over them.</summary>
internal static class SpaceGenerators
{
    private static Gen<SearchParameter> Parameter(string name) =>
        Gen.Choose(0, 5).SelectMany(kind => kind switch
        {
            0 => from lo in Gen.Choose(-50, 50)
                 from width in Gen.Choose(1, 200)
                 select (SearchParameter)new IntParameter(name, lo, lo + width),
            1 => from lo in Gen.Choose(1, 100)
                 from width in Gen.Choose(1, 5000)
                 select (SearchParameter)new IntParameter(name, lo, lo + width, log: true),
            2 => from lo in Gen.Choose(-1000, 1000)
                 from width in Gen.Choose(1, 100000)
                 select (SearchParameter)new FloatParameter(name, lo / 100.0, lo / 100.0 + width / 100.0),
            3 => from lo in Gen.Choose(1, 1000)
                 from decades in Gen.Choose(1, 8)
                 select (SearchParameter)new FloatParameter(name, lo * 1e-6, lo * 1e-6 * Math.Pow(10, decades), log: true),
            _ => from values in Gen.ArrayOf(Gen.Choose(-1000, 1000)).Where(v => v.Length > 0)
                 select (SearchParameter)new ChoiceParameter(name, values.Distinct().Select(v => v / 4.0).ToArray()),
        });

    /// <summary>A space of 1–5 parameters of every kind (int, log-int, float, log-float, choice).</summary>
    public static Gen<SearchSpace> Space =>
        Gen.Choose(1, 5).SelectMany(n => Gen.CollectToArray(Enumerable.Range(0, n).Select(i => Parameter($"p{i}"))))
            .Select(ps => new SearchSpace(ps));

    /// <summary>A space, a seed and a history length.</summary>
    public static Arbitrary<(SearchSpace Space, int Seed, int HistoryLength)> Case =>
        (from space in Space
         from seed in Gen.Choose(0, 1_000_000)
         from length in Gen.Choose(0, 30)
         select (space, seed, length)).ToArbitrary();

    /// <summary>
    /// A history of <paramref name="length"/> trials drawn at random from <paramref name="space"/>, with random
    /// scores of which about one in eight is NaN or +∞ (failed) and some repeated (ties).
    /// </summary>
    public static List<TrialResult> History(SearchSpace space, int seed, int length)
    {
        var sampler = new RandomSampler(space, seed + 1);
        var rng = new SeededRandom(seed);
        var history = new List<TrialResult>();
        for (int i = 0; i < length; i++)
        {
            double u = rng.NextDouble();
            double score = u < 0.06 ? double.NaN : u < 0.12 ? double.PositiveInfinity : u < 0.3 ? 1.0 : rng.NextGaussian();
            history.Add(new TrialResult(i, sampler.Suggest(history), score, TimeSpan.Zero, new Dictionary<string, double>()));
        }
        return history;
    }
}
