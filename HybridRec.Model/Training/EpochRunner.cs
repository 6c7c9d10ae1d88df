using System.Diagnostics;
using HybridRec.Model.Backends;

namespace HybridRec.Model.Training;

/// <summary>Trains one pass over a plan's batches, with progress reports during the pass; returns the summed squared error and count.</summary>
internal sealed class EpochRunner(IModelBackend backend, TrainingOptions options, int member, IProgress<TrainingProgress>? progress)
{
    /// <summary>Trains every batch of <paramref name="plan"/> as 1-based epoch <paramref name="epoch"/>; <paramref name="clock"/> is the training time so far, for the reports.</summary>
    public (double SumSquaredError, long Count) Run(EpochPlan plan, int epoch, Stopwatch clock, CancellationToken cancellationToken)
    {
        double sse = 0;
        long count = 0;
        for (int b = 0; b < plan.BatchCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            backend.TrainBatch(plan, b);
            if (progress is not null && options.ProgressInterval > 0 && (b + 1) % options.ProgressInterval == 0 && b + 1 < plan.BatchCount)
            {
                var (s, c) = backend.TakeLoss();
                sse += s;
                count += c;
                progress.Report(new TrainingProgress(epoch, options.Epochs, b + 1, plan.BatchCount, Math.Sqrt(sse / count), clock.Elapsed, null, member, options.EnsembleSize));
            }
        }
        var (s2, c2) = backend.TakeLoss();   // synchronises
        return (sse + s2, count + c2);
    }

    /// <summary>Trains every batch of <paramref name="plan"/> without reports (the refit).</summary>
    public void RunQuietly(EpochPlan plan, CancellationToken cancellationToken)
    {
        for (int b = 0; b < plan.BatchCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            backend.TrainBatch(plan, b);
        }
    }
}
