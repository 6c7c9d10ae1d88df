using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>
/// The epochs' shuffled plans. Two plans alternate: while epoch e trains on one, the next epoch's shuffle and
/// segments are built on the other in the background (the result is the same as building it in turn; only the wall
/// time changes). Epoch e's shuffle draws from <c>SeededRandom.For(seed, "epoch:e")</c> and its negatives (with a
/// <paramref name="negatives"/> sampler) from the negative seed <see cref="NegativeSeed"/>(seed, "negatives:e").
/// </summary>
internal sealed class PlanPrefetcher(TrainingSamples samples, int batchSize, int users, int items, int epochs, long seed, NegativeSampler? negatives)
{
    private readonly EpochPlan[] _plans = Enumerable.Range(0, epochs > 1 ? 2 : 1).Select(_ => new EpochPlan(samples, batchSize, users, items, negatives)).ToArray();

    /// <summary>The negative seed of a plan: 63 bits of <c>SeededRandom.For(seed, purpose)</c>.</summary>
    public static long NegativeSeed(long seed, string purpose) => (long)(SeededRandom.For(seed, purpose).NextUInt64() >> 1);
    private Task? _prefetch;

    /// <summary>The plan of 1-based epoch <paramref name="epoch"/> (epochs are asked for in order), starting the next one's shuffle.</summary>
    public EpochPlan Get(int epoch, CancellationToken cancellationToken)
    {
        var plan = _plans[(epoch - 1) % _plans.Length];
        if (_prefetch is null) plan.Shuffle(SeededRandom.For(seed, $"epoch:{epoch}"), NegativeSeed(seed, $"negatives:{epoch}"));
        else _prefetch.GetAwaiter().GetResult();
        if (epoch < epochs)
        {
            var next = _plans[epoch % _plans.Length];
            var rng = SeededRandom.For(seed, $"epoch:{epoch + 1}");
            long negativeSeed = NegativeSeed(seed, $"negatives:{epoch + 1}");
            _prefetch = Task.Run(() => next.Shuffle(rng, negativeSeed), cancellationToken);
        }
        return plan;
    }

    /// <summary>Waits for a shuffle still running (a cancelled one is not an error).</summary>
    public void Drain(CancellationToken cancellationToken)
    {
        try { _prefetch?.Wait(); } catch (AggregateException) when (cancellationToken.IsCancellationRequested) { }
    }
}
