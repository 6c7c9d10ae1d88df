using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model.Backends;

namespace HybridRec.Model.Training;

/// <summary>
/// Trains the hybrid network: carves a seeded validation part out of the training ratings, initialises the
/// parameters from the seed, and runs epochs of seeded shuffles and Adam steps on the chosen backend, with
/// progress reports, cancellation, optional early stopping and restoring of the best epoch. With
/// <see cref="TrainingOptions.EnsembleSize"/> &gt; 1 it trains that many members, each with its own seed (hence its own
/// validation carve-out, initialisation and shuffles), and the model averages their predictions.
/// The same data, options and seed give the same model on the same backend.
/// <para>
/// Bad arguments throw <see cref="ArgumentException"/> before training starts (invalid options, an empty table, a
/// rating whose indices do not fit the dataset, a validation part that rounds to nothing when early stopping,
/// restoring or the refit need it); a member whose loss or parameters stop being finite throws
/// <see cref="TrainingDivergedException"/>, so a broken model is never returned.
/// </para>
/// </summary>
public static class HybridTrainer
{
    /// <summary>Trains on <paramref name="train"/> (ratings of <paramref name="dataset"/>) with the model and training options of <paramref name="configuration"/>.</summary>
    public static TrainingResult Train(RatingDataset dataset, RatingTable train, HybridConfiguration configuration,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        return Train(dataset, train, configuration.Model, configuration.Training, progress, cancellationToken);
    }

    /// <summary>
    /// Trains on <paramref name="train"/> (ratings of <paramref name="dataset"/>) and returns the model and its history.
    /// On a device backend (<see cref="TrainingOptions.Backend"/>) all members share one device, created for this call
    /// and disposed at its end.
    /// </summary>
    public static TrainingResult Train(RatingDataset dataset, RatingTable train, HybridModelOptions model, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var backends = new BackendProvider(options.Backend);
        return Train(dataset, train, model, options, backends.Create, progress, cancellationToken);
    }

    /// <summary>As <see cref="Train(RatingDataset, RatingTable, HybridModelOptions, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>, with a caller-supplied backend factory (called once per member, from several threads at once when members train concurrently — see <see cref="TrainingOptions.ConcurrentMembers"/>; each backend is disposed after its member).</summary>
    public static TrainingResult Train(RatingDataset dataset, RatingTable train, HybridModelOptions model, TrainingOptions options,
        Func<BackendSetup, IModelBackend> backendFactory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backendFactory);
        model.Validate();
        options.Validate();
        TrainingInputs.Check(dataset, train, "training table");
        var warnings = new List<string>();
        TrainingInputs.ValidationCount(options, train.Count, warnings);

        var all = TrainingSamples.FromRatings(train, dataset.Scale);
        float offset = model.UseBiases ? (float)all.MeanTarget() : 0f;
        var setup = BackendSetup.Create(dataset, model, options.Adam, offset, options.Threads) with { Ranking = options.Ranking };

        // Members are independent given their seeds, so on the managed CPU backend (whose results do not depend on
        // its thread count) several train at once, each on its share of the threads: the per-step work of this
        // small network does not fill two cores, two members do. The result is the same as training them in turn.
        int concurrent = ResolveConcurrentMembers(options);
        int memberThreads = concurrent > 1 ? Math.Max(1, ResolveThreads(options) / concurrent) : options.Threads;
        var trainer = new MemberTrainer(all, concurrent > 1 ? setup with { Threads = memberThreads } : setup, options, dataset.Scale.Range, backendFactory);
        var runs = new MemberRun[options.EnsembleSize];
        MemberRun Run(int member, IProgress<TrainingProgress>? report, CancellationToken token)
        {
            long seed = MemberSeed(options.Seed, member);
            return trainer.Train(member, seed, options.SharedValidation ? options.Seed : seed, report, token);
        }
        var wall = Stopwatch.StartNew();
        if (concurrent == 1)
        {
            for (int member = 0; member < options.EnsembleSize; member++) runs[member] = Run(member, progress, cancellationToken);
        }
        else
        {
            var synchronised = progress is null ? null : new MemberWorkers.SynchronisedProgress<TrainingProgress>(progress);
            MemberWorkers.Run(options.EnsembleSize, concurrent, cancellationToken, (member, token) => runs[member] = Run(member, synchronised, token));
        }
        wall.Stop();

        // One definition whatever the schedule: the wall time of training (each member's step time is reported apart).
        var trainTime = wall.Elapsed;
        var last = runs[^1];
        var trained = new HybridModel(dataset.Name, model, dataset.Scale, offset, dataset.Users, dataset.Items, dataset.ItemNames, setup.ItemFeatures, setup.UserFeatures,
            UserHistory.FromRatings(train, dataset.Users.Count), runs.Select(r => r.Parameters).ToList());
        return new TrainingResult(trained, runs.SelectMany(r => r.History).ToList(), runs.Select(r => r.ModelEpoch).ToList(), runs.Any(r => r.StoppedEarly),
            trainTime, runs.Sum(r => r.SamplesTrained), last.FitCount, last.ValidationCount, last.Backend, last.Device, concurrent, warnings,
            runs.Select(r => r.TrainTime).ToList(), runs.Select(r => r.SamplesTrained).ToList(),
            model.HasRankingHead ? runs.Select(r => r.RankingLoss).ToList() : []);
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

    /// <summary>The seed of ensemble member <paramref name="member"/>: the run's seed for member 0, a derived one otherwise.</summary>
    public static long MemberSeed(long seed, int member) =>
        member == 0 ? seed : (long)(SeededRandom.For(seed, $"member:{member}").NextUInt64() >> 1);

    /// <summary>Splits samples into a fitting part and a validation part of round(fraction·N) samples, chosen by a seeded shuffle.</summary>
    public static (TrainingSamples Fit, TrainingSamples Validation) CarveValidation(TrainingSamples samples, double fraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var (fit, validation) = ValidationIndices(samples.Count, fraction, seed);
        return (samples.Select(fit), samples.Select(validation));
    }

    /// <summary>
    /// The positions <see cref="CarveValidation"/> puts in the fitting part and in the validation part of
    /// <paramref name="n"/> samples, each ascending: round(fraction·n) positions chosen by a shuffle drawn from
    /// <c>SeededRandom.For(seed, "validation")</c>.
    /// </summary>
    internal static (int[] Fit, int[] Validation) ValidationIndices(int n, double fraction, long seed)
    {
        int nVal = (int)Math.Round(fraction * n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (nVal > 0) SeededRandom.For(seed, "validation").Shuffle(order.AsSpan());
        var valIdx = order.AsSpan(0, nVal).ToArray();
        var fitIdx = order.AsSpan(nVal).ToArray();
        Array.Sort(valIdx);
        Array.Sort(fitIdx);
        return (fitIdx, valIdx);
    }
}
