using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Training;

/// <summary>
/// Trains one ensemble member: carves its validation part, initialises its parameters from its seed, runs the epochs
/// (<see cref="PlanPrefetcher"/>, <see cref="EpochRunner"/>, <see cref="ValidationScorer"/>, <see cref="BestEpochTracker"/>)
/// and, when asked, refits it on all training samples for its best epoch count.
/// With a ranking head, the negatives of the epochs come from a <see cref="NegativeSampler"/> over the member's fitting
/// part (its validation part is never seen: neither in q nor in the rejected items), those of the refit from one over
/// all training samples, each phase on its own backend (the backend's log q is fixed). When a refit follows, the epochs
/// on the fitting part do not train the head (<see cref="BackendSetup.TrainRankingHead"/>): they only choose the epoch
/// count by validation RMSE, which the head never changes, and the refit starts again from the initial parameters.
/// </summary>
internal sealed class MemberTrainer(TrainingSamples all, BackendSetup setup, TrainingOptions options, float scaleRange, Func<BackendSetup, IModelBackend> backends)
{
    /// <summary>Trains member <paramref name="member"/> with seed <paramref name="seed"/>; the validation part is carved with <paramref name="validationSeed"/>.</summary>
    public MemberRun Train(int member, long seed, long validationSeed, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = setup.Layout;
        var (fit, validation) = HybridTrainer.CarveValidation(all, options.ValidationFraction, validationSeed);
        var initial = ParameterInitializer.Create(layout, seed);
        bool headInFit = layout.HasRankingHead && !options.RefitOnAllData;
        var negatives = headInFit ? Sampler(fit) : null;

        using var backend = backends(setup.WithRanking(options.Ranking, negatives) with { TrainRankingHead = headInFit });
        backend.SetParameters(initial);
        var plans = new PlanPrefetcher(fit, options.BatchSize, layout.Dimensions.Users, layout.Dimensions.Items, options.Epochs, seed, negatives);
        var runner = new EpochRunner(backend, options, member, progress);
        var scorer = new ValidationScorer(validation, scaleRange);
        var tracker = new BestEpochTracker(options, layout.Count);
        var guard = new DivergenceGuard(layout, member, options.EnsembleSize);
        var history = new List<EpochSummary>();
        var learningRates = new List<float>();
        var trainClock = new Stopwatch();
        long samplesTrained = 0;
        bool stoppedEarly = false;
        double? rankingLoss = null;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            trainClock.Start();
            var plan = plans.Get(epoch, cancellationToken);
            learningRates.Add(backend.LearningRate);
            var (sse, count) = runner.Run(plan, epoch, trainClock, cancellationToken);
            var (crossEntropy, rankCount) = backend.TakeRankingLoss();
            if (rankCount > 0) rankingLoss = crossEntropy / rankCount;
            trainClock.Stop();
            epochClock.Stop();
            samplesTrained += plan.SampleCount;

            var (valRmse, valRmseStars) = scorer.Score(backend);
            var summary = new EpochSummary(epoch, Math.Sqrt(sse / Math.Max(1, count)), valRmse, valRmseStars, epochClock.Elapsed,
                plan.SampleCount / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), member)
            {
                TrainRankingLoss = rankCount > 0 ? crossEntropy / rankCount : null,
            };
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
            // With a head the refit needs its own backend (a backend's log q is fixed) over negatives from all training samples.
            var refitNegatives = Sampler(all);
            using (var headBackend = refitNegatives is null ? null : backends(setup.WithRanking(options.Ranking, refitNegatives)))
            {
                var refitBackend = headBackend ?? backend;
                samplesTrained += Refit(refitBackend, headBackend is null ? runner : new EpochRunner(headBackend, options, member, progress), guard, initial, seed,
                    tracker.BestEpoch, learningRates, refitNegatives, ref rankingLoss, cancellationToken);
                refitBackend.GetParameters(final);
            }
            trainClock.Stop();
        }
        return new MemberRun(final, history, modelEpoch, stoppedEarly, trainClock.Elapsed, samplesTrained, fit.Count, validation.Count, backend.Name, backend.DeviceDescription)
        {
            RankingLoss = rankingLoss,
        };
    }

    /// <summary>
    /// Trains again from the same initial parameters on all training samples for <paramref name="epochs"/> epochs,
    /// with the learning rate each epoch had (epoch e shuffled by <c>SeededRandom.For(seed, "refit:e")</c>), checking each
    /// epoch for divergence; returns the samples trained.
    /// </summary>
    private long Refit(IModelBackend backend, EpochRunner runner, DivergenceGuard guard, float[] initial, long seed, int epochs, List<float> learningRates,
        NegativeSampler? negatives, ref double? rankingLoss, CancellationToken cancellationToken)
    {
        backend.SetParameters(initial);
        var full = new EpochPlan(all, options.BatchSize, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items, negatives);
        long samples = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            backend.LearningRate = learningRates[epoch - 1];
            full.Shuffle(SeededRandom.For(seed, $"refit:{epoch}"), PlanPrefetcher.NegativeSeed(seed, $"refit-negatives:{epoch}"));
            runner.RunQuietly(full, cancellationToken);
            samples += full.SampleCount;
            var (sse, count) = backend.TakeLoss();
            var (crossEntropy, rankCount) = backend.TakeRankingLoss();
            if (rankCount > 0) rankingLoss = crossEntropy / rankCount;
            guard.Check(backend, epoch, refit: true, sse, count);
        }
        return samples;
    }

    /// <summary>The ranking head's sampler over <paramref name="samples"/>, or null without a head.</summary>
    private NegativeSampler? Sampler(TrainingSamples samples) =>
        setup.Layout.HasRankingHead ? new NegativeSampler(samples, setup.Layout.Dimensions.Users, setup.Layout.Dimensions.Items, options.Ranking) : null;
}

/// <summary>What one member's training produced.</summary>
internal sealed record MemberRun(float[] Parameters, List<EpochSummary> History, int ModelEpoch, bool StoppedEarly, TimeSpan TrainTime,
    long SamplesTrained, int FitCount, int ValidationCount, string Backend, string Device)
{
    /// <summary>Mean ranking cross-entropy per sample of the last epoch that trained the head, or null.</summary>
    public double? RankingLoss { get; init; }
}
