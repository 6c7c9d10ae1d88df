using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.Backends;
using HybridRec.Model.Evaluation;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Training;

/// <summary>
/// Trains the hybrid network: carves a seeded validation part out of the training ratings, initialises the
/// parameters from the seed, and runs epochs of seeded shuffles and Adam steps on the chosen backend, with
/// progress reports, cancellation, optional early stopping and restoring of the best epoch.
/// The same data, options and seed give the same model on the same backend.
/// </summary>
public static class HybridTrainer
{
    /// <summary>Trains on <paramref name="train"/> (ratings of <paramref name="dataset"/>) and returns the model and its history.</summary>
    public static TrainingResult Train(MovieLensDataset dataset, RatingTable train, HybridModelOptions model, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(dataset, train, model, options, setup => ModelBackends.Create(options.Backend, setup), progress, cancellationToken);

    /// <summary>As <see cref="Train(MovieLensDataset, RatingTable, HybridModelOptions, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>, with a caller-supplied backend factory (the backend is disposed at the end).</summary>
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
        var (fit, validation) = CarveValidation(all, options.ValidationFraction, options.Seed);
        if (fit.Count == 0) throw new ArgumentException("no training ratings are left after carving out the validation part.");

        var dims = new ModelDimensions(dataset.Users.Count, dataset.Movies.Count, dataset.Genres.Columns, dataset.Tags.Columns);
        var layout = new ParameterLayout(dims, model);
        float offset = model.UseBiases ? (float)fit.MeanTarget() : 0f;
        var parameters = ParameterInitializer.Create(layout, options.Seed);
        var setup = new BackendSetup(layout, dataset.Genres, dataset.Tags, offset, options.Adam, options.Threads);

        using var backend = backendFactory(setup);
        backend.SetParameters(parameters);
        var plan = new EpochPlan(fit, options.BatchSize, dims.Users, dims.Movies);
        bool keepBest = options.RestoreBestEpoch || options.Patience is not null;
        float[]? best = null;
        double bestRmse = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        bool stoppedEarly = false;
        var history = new List<EpochSummary>();
        var trainClock = new Stopwatch();
        long samplesTrained = 0;
        var valPredictions = new float[validation.Count];

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            trainClock.Start();
            plan.Shuffle(SeededRandom.For(options.Seed, $"epoch:{epoch}"));
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
                    progress.Report(new TrainingProgress(epoch, options.Epochs, b + 1, plan.BatchCount, Math.Sqrt(sse / count), trainClock.Elapsed, null));
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
                plan.SampleCount / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds));
            history.Add(summary);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, plan.BatchCount, plan.BatchCount, summary.TrainRmse, trainClock.Elapsed, summary));

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
                if (options.Patience is int patience && sinceBest >= patience && epoch < options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }

        var final = new float[layout.Count];
        int modelEpoch = history.Count;
        if (options.RestoreBestEpoch && best is not null)
        {
            best.CopyTo(final, 0);
            modelEpoch = bestEpoch;
        }
        else
        {
            backend.GetParameters(final);
        }
        var trained = HybridModel.Create(dataset, train, model, offset, final);
        return new TrainingResult(trained, history, modelEpoch, stoppedEarly, trainClock.Elapsed, samplesTrained, fit.Count, validation.Count,
            backend.Name, backend.DeviceDescription);
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
