using System.Globalization;
using HybridRec.Data;

namespace HybridRec.Model.Tuning;

/// <summary>
/// Independent uniform draws: floats uniform in [min, max] (in log(value) for log-scale ones), integers uniform
/// over min..max (log-scale integers uniform in log space over [min − ½, max + ½], then rounded), choices uniform
/// over their values. Suggestion <c>n</c> comes from its own stream derived from the seed and <c>n</c>, so it depends
/// only on the seed and the length of the history.
/// </summary>
public sealed class RandomSampler : ISampler
{
    /// <summary>Creates a random sampler.</summary>
    /// <param name="space">The space to draw from.</param>
    /// <param name="seed">Seed of the draws.</param>
    public RandomSampler(SearchSpace space, long seed)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Seed = seed;
    }

    /// <summary>The space drawn from.</summary>
    public SearchSpace Space { get; }

    /// <summary>Seed of the draws.</summary>
    public long Seed { get; }

    /// <inheritdoc />
    public TrialParameters Suggest(IReadOnlyList<TrialResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Draw(Space, Stream(Seed, history.Count));
    }

    /// <summary>The random stream of suggestion <paramref name="trial"/> (shared with the TPE sampler's start-up trials).</summary>
    internal static SeededRandom Stream(long seed, int trial) =>
        SeededRandom.For(seed, "random-trial-" + trial.ToString(CultureInfo.InvariantCulture));

    /// <summary>One uniform draw of every parameter of <paramref name="space"/>, in order.</summary>
    internal static TrialParameters Draw(SearchSpace space, SeededRandom rng)
    {
        var values = new KeyValuePair<string, double>[space.Count];
        for (int i = 0; i < space.Count; i++)
            values[i] = new(space[i].Name, Draw(space[i], rng));
        return new TrialParameters(values);
    }

    private static double Draw(SearchParameter parameter, SeededRandom rng)
    {
        switch (parameter)
        {
            case ChoiceParameter c:
                return c.Values[rng.NextInt(c.Values.Count)];
            case IntParameter { Log: false } i:
            {
                long count = (long)i.Max - i.Min + 1;
                return count <= int.MaxValue
                    ? i.Min + (double)rng.NextInt((int)count)
                    : Math.Min(i.Max, i.Min + Math.Floor(rng.NextDouble() * count));
            }
            case IntParameter i:
            {
                double lo = Math.Log(i.Min - 0.5), hi = Math.Log(i.Max + 0.5);
                return Math.Clamp(Math.Round(Math.Exp(lo + rng.NextDouble() * (hi - lo))), i.Min, i.Max);
            }
            case FloatParameter { Log: false } f:
                return Math.Clamp(f.Min + rng.NextDouble() * (f.Max - f.Min), f.Min, f.Max);
            case FloatParameter f:
            {
                double lo = Math.Log(f.Min), hi = Math.Log(f.Max);
                return Math.Clamp(Math.Exp(lo + rng.NextDouble() * (hi - lo)), f.Min, f.Max);
            }
            default:
                throw new ArgumentException($"Unsupported parameter type {parameter.GetType().Name}.", nameof(parameter));
        }
    }
}
