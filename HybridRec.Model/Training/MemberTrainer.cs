using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Training;

/// <summary>
/// Trains one ensemble member: carves its validation part, initialises its parameters from its seed, runs the epochs
/// (<see cref="PlanPrefetcher"/>, <see cref="EpochRunner"/>, <see cref="ValidationScorer"/>, <see cref="BestEpochTracker"/>)
/// and, when asked, refits it on all training samples for its best epoch count.
/// </summary>
internal sealed class MemberTrainer(TrainingSamples all, BackendSetup setup, TrainingOptions options, float scaleRange, Func<BackendSetup, IModelBackend> backends)
{
    /// <summary>Trains member <paramref name="member"/> with seed <paramref name="seed"/>; the validation part is carved with <paramref name="validationSeed"/>.</summary>
    public MemberRun Train(int member, long seed, long validationSeed, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = setup.Layout;
        var (fit, validation) = HybridTrainer.CarveValidation(all, options.ValidationFraction, validationSeed);
        var initial = ParameterInitializer.Create(layout, seed);

        using var backend = backends(setup);
        backend.SetParameters(initial);
        var plans = new PlanPrefetcher(fit, options.BatchSize, layout.Dimensions.Users, layout.Dimensions.Items, options.Epochs, seed);
        var runner = new EpochRunner(backend, options, member, progress);
        var scorer = new ValidationScorer(validation, scaleRange);
        var tracker = new BestEpochTracker(options, layout.Count);
        var guard = new DivergenceGuard(layout, member, options.EnsembleSize);
        var history = new List<EpochSummary>();
        var learningRates = new List<float>();
        var trainClock = new Stopwatch();
        long samplesTrained = 0;
        bool stoppedEarly = false;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            trainClock.Start();
            var plan = plans.Get(epoch, cancellationToken);
            learningRates.Add(backend.LearningRate);
            var (sse, count) = runner.Run(plan, epoch, trainClock, cancellationToken);
            trainClock.Stop();
            epochClock.Stop();
            samplesTrained += plan.SampleCount;

            var (valRmse, valRmseStars) = scorer.Score(backend);
            var summary = new EpochSummary(epoch, Math.Sqrt(sse / Math.Max(1, count)), valRmse, valRmseStars, epochClock.Elapsed,
                plan.SampleCount / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), member);
            history.Add(summary);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, plan.BatchCount, plan.BatchCount, summary.TrainRmse, trainClock.Elapsed, summary, member, options.EnsembleSize));
            guard.Check(backend, epoch, refit: false, sse, count);
            if (scorer.HasData && tracker.Observe(epoch, valRmse, backend))
            {
                stoppedEarly = true;
                break;
            }
        }
        plans.Drain(cancellationToken);

        var final = new float[layout.Count];
        int modelEpoch = history.Count;
        if (tracker.BestParameters is { } best)
        {
            best.CopyTo(final, 0);
            modelEpoch = tracker.BestEpoch;
        }
        else
        {
            backend.GetParameters(final);
        }

        if (options.RefitOnAllData && tracker.BestParameters is not null)
        {
            trainClock.Start();
            samplesTrained += Refit(backend, runner, guard, initial, seed, tracker.BestEpoch, learningRates, cancellationToken);
            trainClock.Stop();
            backend.GetParameters(final);
        }
        return new MemberRun(final, history, modelEpoch, stoppedEarly, trainClock.Elapsed, samplesTrained, fit.Count, validation.Count, backend.Name, backend.DeviceDescription);
    }

    /// <summary>
    /// Trains again from the same initial parameters on all training samples for <paramref name="epochs"/> epochs,
    /// with the learning rate each epoch had (epoch e shuffled by <c>SeededRandom.For(seed, "refit:e")</c>), checking each
    /// epoch for divergence; returns the samples trained.
    /// </summary>
    private long Refit(IModelBackend backend, EpochRunner runner, DivergenceGuard guard, float[] initial, long seed, int epochs, List<float> learningRates,
        CancellationToken cancellationToken)
    {
        backend.SetParameters(initial);
        var full = new EpochPlan(all, options.BatchSize, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items);
        long samples = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            backend.LearningRate = learningRates[epoch - 1];
            full.Shuffle(SeededRandom.For(seed, $"refit:{epoch}"));
            runner.RunQuietly(full, cancellationToken);
            samples += full.SampleCount;
            var (sse, count) = backend.TakeLoss();
            guard.Check(backend, epoch, refit: true, sse, count);
        }
        return samples;
    }
}

/// <summary>What one member's training produced.</summary>
internal sealed record MemberRun(float[] Parameters, List<EpochSummary> History, int ModelEpoch, bool StoppedEarly, TimeSpan TrainTime,
    long SamplesTrained, int FitCount, int ValidationCount, string Backend, string Device);
