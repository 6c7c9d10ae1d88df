using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Training;

/// <summary>
/// Trains the hybrid network: carves a seeded validation part out of the training ratings, initialises the
/// parameters from the seed, and runs epochs of seeded shuffles and Adam steps on the chosen backend, with
/// progress reports, cancellation, optional early stopping and restoring of the best epoch. With
/// <see cref="TrainingOptions.EnsembleSize"/> &gt; 1 it trains that many members, each with its own seed (hence its own
/// validation carve-out, initialisation and shuffles), and the model averages their predictions.
/// The same data, options and seed give the same model on the same backend.
/// </summary>
public static class HybridTrainer
{
    /// <summary>Trains on <paramref name="train"/> (ratings of <paramref name="dataset"/>) and returns the model and its history.</summary>
    public static TrainingResult Train(MovieLensDataset dataset, RatingTable train, HybridModelOptions model, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(dataset, train, model, options, setup => ModelBackends.Create(options.Backend, setup), progress, cancellationToken);

    /// <summary>As <see cref="Train(MovieLensDataset, RatingTable, HybridModelOptions, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>, with a caller-supplied backend factory (called once per member, from several threads at once when members train concurrently — see <see cref="TrainingOptions.ConcurrentMembers"/>; each backend is disposed after its member).</summary>
    public static TrainingResult Train(MovieLensDataset dataset, RatingTable train, HybridModelOptions model, TrainingOptions options,
        Func<BackendSetup, IModelBackend> backendFactory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backendFactory);
        model.Validate();
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("the training split has no ratings.", nameof(train));

        var all = TrainingSamples.FromRatings(train, dataset.Scale);
        var dims = new ModelDimensions(dataset.Users.Count, dataset.Movies.Count, dataset.Genres.Columns, dataset.Tags.Columns);
        var layout = new ParameterLayout(dims, model);
        float offset = model.UseBiases ? (float)all.MeanTarget() : 0f;
        var setup = new BackendSetup(layout, dataset.Genres, dataset.Tags, offset, options.Adam, options.Threads);
        setup.Validate();

        // Members are independent given their seeds, so on the managed CPU backend (whose results do not depend on
        // its thread count) several train at once, each on its share of the threads: the per-step work of this
        // small network does not fill two cores, two members do. The result is the same as training them in turn.
        int concurrent = ResolveConcurrentMembers(options);
        int memberThreads = concurrent > 1 ? Math.Max(1, ResolveThreads(options) / concurrent) : options.Threads;
        var memberSetup = concurrent > 1 ? setup with { Threads = memberThreads } : setup;
        var runs = new MemberRun[options.EnsembleSize];
        MemberRun Run(int member, IProgress<TrainingProgress>? report, CancellationToken token) =>
            TrainMember(dataset, all, layout, memberSetup, options, MemberSeed(options.Seed, member), member, backendFactory, report, token,
                validationSeed: options.SharedValidation ? options.Seed : null);
        var wall = Stopwatch.StartNew();
        if (concurrent == 1)
        {
            for (int member = 0; member < options.EnsembleSize; member++) runs[member] = Run(member, progress, cancellationToken);
        }
        else
        {
            var synchronised = progress is null ? null : new SynchronisedProgress<TrainingProgress>(progress);
            RunConcurrently(options.EnsembleSize, concurrent, cancellationToken, (member, token) => runs[member] = Run(member, synchronised, token));
        }
        wall.Stop();

        var members = runs.Select(r => r.Parameters).ToList();
        var history = runs.SelectMany(r => r.History).ToList();
        var bestEpochs = runs.Select(r => r.ModelEpoch).ToList();
        bool stoppedEarly = runs.Any(r => r.StoppedEarly);
        // In turn: the summed time of the training steps. Concurrently: the wall time of training the ensemble.
        var trainTime = concurrent == 1 ? runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.TrainTime) : wall.Elapsed;
        long samplesTrained = runs.Sum(r => r.SamplesTrained);
        var last = runs[^1];
        var trained = HybridModel.Create(dataset, train, model, offset, members);
        return new TrainingResult(trained, history, bestEpochs, stoppedEarly, trainTime, samplesTrained, last.FitCount, last.ValidationCount, last.Backend, last.Device,
            concurrent);
    }

    /// <summary>
    /// How many ensemble members train at the same time: <see cref="TrainingOptions.ConcurrentMembers"/> when set,
    /// otherwise, on the managed CPU backend, as many as there are threads (at most the ensemble size), and one on
    /// the other backends (their members share one device).
    /// </summary>
    public static int ResolveConcurrentMembers(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConcurrentMembers > 0) return Math.Min(options.ConcurrentMembers, options.EnsembleSize);
        return options.Backend == BackendKind.Cpu ? Math.Clamp(ResolveThreads(options), 1, options.EnsembleSize) : 1;
    }

    private static int ResolveThreads(TrainingOptions options) => options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1 on <paramref name="workers"/> dedicated
    /// threads (not the thread pool, which the members' own parallel loops and prefetch tasks use). The first failure
    /// cancels the others and is rethrown as itself.
    /// </summary>
    private static void RunConcurrently(int count, int workers, CancellationToken cancellationToken, Action<int, CancellationToken> body)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        Exception? first = null;
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                int item;
                while ((item = Interlocked.Increment(ref next)) < count && !failed.IsCancellationRequested)
                {
                    try { body(item, failed.Token); }
                    catch (Exception e)
                    {
                        // A cancellation caused by another member's failure is not a failure of its own.
                        if (!(e is OperationCanceledException && !cancellationToken.IsCancellationRequested && first is not null))
                            Interlocked.CompareExchange(ref first, e, null);
                        failed.Cancel();
                        return;
                    }
                }
            }) { IsBackground = true, Name = $"HybridRec member worker {w}" };
            threads[w].Start();
        }
        foreach (var t in threads) t.Join();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Forwards reports from several threads one at a time.</summary>
    private sealed class SynchronisedProgress<TReport>(IProgress<TReport> inner) : IProgress<TReport>
    {
        private readonly Lock _gate = new();

        public void Report(TReport value)
        {
            lock (_gate) inner.Report(value);
        }
    }

    /// <summary>The seed of ensemble member <paramref name="member"/>: the run's seed for member 0, a derived one otherwise.</summary>
    public static long MemberSeed(long seed, int member) =>
        member == 0 ? seed : (long)(SeededRandom.For(seed, $"member:{member}").NextUInt64() >> 1);

    private sealed record MemberRun(float[] Parameters, List<EpochSummary> History, int ModelEpoch, bool StoppedEarly, TimeSpan TrainTime,
        long SamplesTrained, int FitCount, int ValidationCount, string Backend, string Device);

    private static MemberRun TrainMember(MovieLensDataset dataset, TrainingSamples all, ParameterLayout layout, BackendSetup setup, TrainingOptions options,
        long seed, int member, Func<BackendSetup, IModelBackend> backendFactory, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        long? validationSeed)
    {
        var (fit, validation) = CarveValidation(all, options.ValidationFraction, validationSeed ?? seed);
        if (fit.Count == 0) throw new ArgumentException("no training ratings are left after carving out the validation part.");
        var parameters = ParameterInitializer.Create(layout, seed);

        using var backend = backendFactory(setup);
        backend.SetParameters(parameters);
        // Two plans alternate: while epoch e trains on one, the next epoch's shuffle and segments are built on the
        // other in the background (the result is the same as building it in turn; only the wall time changes).
        var plans = new EpochPlan[options.Epochs > 1 ? 2 : 1];
        for (int i = 0; i < plans.Length; i++) plans[i] = new EpochPlan(fit, options.BatchSize, layout.Dimensions.Users, layout.Dimensions.Movies);
        Task? prefetch = null;
        bool keepBest = options.RestoreBestEpoch;
        float[]? best = null;
        double bestRmse = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        bool stoppedEarly = false;
        var history = new List<EpochSummary>();
        var trainClock = new Stopwatch();
        long samplesTrained = 0;
        var valPredictions = new float[validation.Count];
        var learningRates = new List<float>();

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            trainClock.Start();
            var plan = plans[(epoch - 1) % plans.Length];
            if (prefetch is null) plan.Shuffle(SeededRandom.For(seed, $"epoch:{epoch}"));
            else prefetch.GetAwaiter().GetResult();
            if (epoch < options.Epochs)
            {
                var nextPlan = plans[epoch % plans.Length];
                var nextRng = SeededRandom.For(seed, $"epoch:{epoch + 1}");
                prefetch = Task.Run(() => nextPlan.Shuffle(nextRng), cancellationToken);
            }
            learningRates.Add(backend.LearningRate);
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
                    progress.Report(new TrainingProgress(epoch, options.Epochs, b + 1, plan.BatchCount, Math.Sqrt(sse / count), trainClock.Elapsed, null, member, options.EnsembleSize));
                }
            }
            var (s2, c2) = backend.TakeLoss();   // synchronises
            sse += s2;
            count += c2;
            trainClock.Stop();
            epochClock.Stop();
            samplesTrained += plan.SampleCount;

            double valRmse = double.NaN, valRmseStars = double.NaN;
            if (validation.Count > 0)
            {
                backend.Predict(validation.Users, validation.Movies, valPredictions);
                var metrics = RatingMetrics.Compute(valPredictions, validation.Targets, dataset.Scale.Range);
                valRmse = metrics.Rmse;
                valRmseStars = metrics.RmseStars;
            }
            var summary = new EpochSummary(epoch, Math.Sqrt(sse / Math.Max(1, count)), valRmse, valRmseStars, epochClock.Elapsed,
                plan.SampleCount / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds), member);
            history.Add(summary);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, plan.BatchCount, plan.BatchCount, summary.TrainRmse, trainClock.Elapsed, summary, member, options.EnsembleSize));

            if (!double.IsFinite(summary.TrainRmse))
                throw new InvalidOperationException($"training diverged in epoch {epoch} (training RMSE {summary.TrainRmse}); lower the learning rate.");

            if (validation.Count > 0 && valRmse < bestRmse)
            {
                bestRmse = valRmse;
                bestEpoch = epoch;
                sinceBest = 0;
                if (keepBest)
                {
                    best ??= new float[layout.Count];
                    backend.GetParameters(best);
                }
            }
            else if (validation.Count > 0)
            {
                sinceBest++;
                if (options.LearningRateDecay < 1 && sinceBest % options.DecayPatience == 0)
                    backend.LearningRate *= options.LearningRateDecay;
                if (options.Patience is int patience && sinceBest >= patience && epoch < options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        try { prefetch?.Wait(); } catch (AggregateException) when (cancellationToken.IsCancellationRequested) { }

        var final = new float[layout.Count];
        int modelEpoch = history.Count;
        if (keepBest && best is not null)
        {
            best.CopyTo(final, 0);
            modelEpoch = bestEpoch;
        }
        else
        {
            backend.GetParameters(final);
        }

        if (options.RefitOnAllData && best is not null)
        {
            // Same initial parameters, same schedule, all training ratings, for the best epoch count.
            trainClock.Start();
            backend.SetParameters(parameters);
            var full = new EpochPlan(all, options.BatchSize, layout.Dimensions.Users, layout.Dimensions.Movies);
            for (int epoch = 1; epoch <= bestEpoch; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                backend.LearningRate = learningRates[epoch - 1];
                full.Shuffle(SeededRandom.For(seed, $"refit:{epoch}"));
                for (int b = 0; b < full.BatchCount; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    backend.TrainBatch(full, b);
                }
                samplesTrained += full.SampleCount;
            }
            backend.TakeLoss();
            trainClock.Stop();
            backend.GetParameters(final);
        }
        return new MemberRun(final, history, modelEpoch, stoppedEarly, trainClock.Elapsed, samplesTrained, fit.Count, validation.Count, backend.Name, backend.DeviceDescription);
    }

    /// <summary>Splits samples into a fitting part and a validation part of round(fraction·N) samples, chosen by a seeded shuffle.</summary>
    public static (TrainingSamples Fit, TrainingSamples Validation) CarveValidation(TrainingSamples samples, double fraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Count;
        int nVal = (int)Math.Round(fraction * n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (nVal > 0) SeededRandom.For(seed, "validation").Shuffle(order.AsSpan());
        var valIdx = order.AsSpan(0, nVal).ToArray();
        var fitIdx = order.AsSpan(nVal).ToArray();
        Array.Sort(valIdx);
        Array.Sort(fitIdx);
        return (samples.Select(fitIdx), samples.Select(valIdx));
    }
}
