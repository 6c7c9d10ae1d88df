using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HybridRec.Model.Tuning;

namespace HybridRec.Model.Tests.Tuning;

/// <summary>Bounds, integrality, choice sets and determinism of the random and TPE samplers over random spaces.</summary>
public class SamplerProperties
{
    [Property(MaxTest = 60)]
    public Property Random_suggestions_lie_in_the_space() =>
        Prop.ForAll(SpaceGenerators.Case, c =>
        {
            var history = SpaceGenerators.History(c.Space, c.Seed, c.HistoryLength);
            var sampler = new RandomSampler(c.Space, c.Seed);
            return c.Space.Contains(sampler.Suggest(history));
        });

    [Property(MaxTest = 60)]
    public Property Tpe_suggestions_lie_in_the_space() =>
        Prop.ForAll(SpaceGenerators.Case, c =>
        {
            var history = SpaceGenerators.History(c.Space, c.Seed, c.HistoryLength);
            var sampler = new TpeSampler(c.Space, new TpeOptions { Seed = c.Seed, StartupTrials = 3 });
            return c.Space.Contains(sampler.Suggest(history));
        });

    [Property(MaxTest = 20)]
    public Property Tpe_driving_its_own_search_stays_in_the_space() =>
        Prop.ForAll(SpaceGenerators.Case, c =>
        {
            // The sampler's own history clusters values (ties, repeated integers), unlike random histories.
            var sampler = new TpeSampler(c.Space, new TpeOptions { Seed = c.Seed, StartupTrials = 2 });
            var result = Tuner.Run(sampler, (p, _) => new TrialOutcome(p.Values.Sum(v => Math.Abs(v - 1.5))), 25, ct: Xunit.TestContext.Current.CancellationToken);
            return result.Trials.All(t => c.Space.Contains(t.Parameters));
        });

    [Property(MaxTest = 40)]
    public Property Same_seed_and_history_give_the_same_suggestion() =>
        Prop.ForAll(SpaceGenerators.Case, c =>
        {
            var history = SpaceGenerators.History(c.Space, c.Seed, c.HistoryLength);
            var options = new TpeOptions { Seed = c.Seed, StartupTrials = 3 };
            var a = new TpeSampler(c.Space, options);
            var b = new TpeSampler(c.Space, options with { });
            var first = a.Suggest(history);
            return first.Equals(a.Suggest(history))
                && first.Equals(b.Suggest(history.ToArray()))
                && new RandomSampler(c.Space, c.Seed).Suggest(history).Equals(new RandomSampler(c.Space, c.Seed).Suggest(history));
        });
}
