using System.Globalization;
using HybridRec.Bench.Cli;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// Maps the hyperparameter flags shared by the training commands onto a <see cref="HybridConfiguration"/>: a preset
/// (<see cref="HybridPresets"/>), then <c>--config FILE</c>, then the individual flags; and the run settings (seed,
/// backend, threads, progress) onto its training options. The library holds every default; this only maps flags.
/// </summary>
internal static class ConfigurationFlags
{
    /// <summary>The value options <see cref="Resolve"/> reads.</summary>
    public static readonly string[] Options =
    [
        "preset", "config", "epochs", "batch-size", "embedding-size", "learning-rate", "adam", "biases", "embedding-l2", "table-l2", "dense-l2",
        "ensemble", "lr-decay", "epsilon", "init-range", "patience", "validation", "user-features",
    ];

    /// <summary>The flags <see cref="Resolve"/> reads.</summary>
    public static readonly string[] Flags = ["refit", "no-refit"];

    /// <summary>The preset name of <c>--preset</c> (<c>tuned</c> or <c>seed</c>), or <paramref name="fallback"/>.</summary>
    public static string PresetName(CliArguments cl, string fallback = "tuned") => cl.Choice("preset", "tuned", "seed") ?? fallback;

    /// <summary>Preset, then <c>--config</c>, then the individual flags; validated.</summary>
    public static HybridConfiguration Resolve(CliArguments cl, string presetName, bool readAdam = true)
    {
        var c = HybridPresets.Get(presetName);
        if (cl.String("config") is string path) c = HybridConfiguration.Load(path);
        var m = c.Model;
        var t = c.Training;
        m = m with
        {
            EmbeddingSize = cl.Int("embedding-size", 1, 4096) ?? m.EmbeddingSize,
            UseBiases = cl.Choice("biases", "on", "off") is string b ? b == "on" : m.UseBiases,
            EmbeddingL2 = (float?)cl.Double("embedding-l2", 0, 1e6) ?? m.EmbeddingL2,
            EmbeddingTableL2 = (float?)cl.Double("table-l2", 0, 1e6) ?? m.EmbeddingTableL2,
            DenseL2 = (float?)cl.Double("dense-l2", 0, 1e6) ?? m.DenseL2,
            EmbeddingInitRange = (float?)cl.Double("init-range", 0, 10) ?? m.EmbeddingInitRange,
            UserFeatureGroups = cl.Choice("user-features", "on", "off") switch { "on" => null, "off" => [], _ => m.UserFeatureGroups },
        };
        t = t with
        {
            Epochs = cl.Int("epochs", 1, 100_000) ?? t.Epochs,
            BatchSize = cl.Int("batch-size", 1, 1 << 24) ?? t.BatchSize,
            Adam = t.Adam with
            {
                LearningRate = (float?)cl.Double("learning-rate", 1e-9, 10) ?? t.Adam.LearningRate,
                Epsilon = (float?)cl.Double("epsilon", 1e-12, 1) ?? t.Adam.Epsilon,
                Variant = readAdam && cl.Choice("adam", "dense", "lazy") is string a ? ParseAdam(a) : t.Adam.Variant,
            },
            EnsembleSize = cl.Int("ensemble", 1, 100) ?? t.EnsembleSize,
            LearningRateDecay = (float?)cl.Double("lr-decay", 0.001, 1) ?? t.LearningRateDecay,
            Patience = cl.Int("patience", 1) ?? t.Patience,
            ValidationFraction = cl.Double("validation", 0, 0.9) ?? t.ValidationFraction,
        };
        if (cl.Has("patience")) t = t with { RestoreBestEpoch = true };
        if (cl.Flag("refit") && cl.Flag("no-refit")) throw new UsageException("--refit and --no-refit contradict each other.");
        if (cl.Flag("refit")) t = t with { RefitOnAllData = true, RestoreBestEpoch = true };
        if (cl.Flag("no-refit")) t = t with { RefitOnAllData = false };
        if (t.ValidationFraction == 0)
        {
            // No validation part: train on every training rating for the given epochs (nothing to stop on or refit from).
            if (cl.Flag("refit")) throw new UsageException("--refit needs a validation part to choose the epoch count (--validation F with F > 0).");
            t = t with { Patience = null, RestoreBestEpoch = false, RefitOnAllData = false };
        }
        c = c with { Model = m, Training = t, MinTagCount = cl.Int("min-tag-count", 1) ?? c.MinTagCount };
        c.Validate();
        return c;
    }

    /// <summary>The configuration with the run settings of a command line: seed, backend, threads and progress interval.</summary>
    public static HybridConfiguration WithRun(HybridConfiguration c, long seed, BackendKind backend, int threads, int progressInterval = 0) =>
        c with { Training = c.Training with { Seed = seed, Backend = backend, Threads = threads, ProgressInterval = progressInterval } };

    /// <summary>Parses <c>dense</c>/<c>lazy</c>.</summary>
    public static AdamVariant ParseAdam(string name) => name.ToLowerInvariant() switch
    {
        "dense" => AdamVariant.Dense,
        "lazy" => AdamVariant.Lazy,
        _ => throw new UsageException($"unknown Adam variant '{name}' (expected dense or lazy)."),
    };

    /// <summary>The command-line name of an Adam variant.</summary>
    public static string Name(AdamVariant variant) => variant == AdamVariant.Dense ? "dense" : "lazy";

    /// <summary>One line describing the configuration's network and schedule on <paramref name="data"/>.</summary>
    public static string Describe(HybridConfiguration c, RatingDataset data)
    {
        var m = c.Model;
        var t = c.Training;
        string Towers(FeatureEntity entity, FeatureGroupCollection groups, IReadOnlyList<string>? selection)
        {
            var selected = groups.Select(selection);
            return selected.Count == 0 ? "none" : string.Join(", ", selected.Select(g => $"{g.Name} {m.ResolveTowerWidth(entity, g.Name)}"));
        }
        string epochs = t.Patience is int p ? $"up to {t.Epochs} epochs, patience {p}" : $"{t.Epochs} epochs";
        return string.Create(CultureInfo.InvariantCulture,
            $"model: E={m.EmbeddingSize} (init ±{m.EmbeddingInitRange:G3}), neural width {m.ResolvedNeuralWidth}, item towers {Towers(FeatureEntity.Item, data.ItemFeatures, m.ItemFeatureGroups)}, " +
            $"user towers {Towers(FeatureEntity.User, data.UserFeatures, m.UserFeatureGroups)}, biases {(m.UseBiases ? "on" : "off")}, λe {m.EmbeddingL2:G3}, λt {m.EmbeddingTableL2:G3}, λd {m.DenseL2:G3}; " +
            $"Adam {Name(t.Adam.Variant)} lr {t.Adam.LearningRate:G3}, batch {t.BatchSize}, {epochs}{(t.EnsembleSize > 1 ? $", ensemble of {t.EnsembleSize}" : "")}");
    }
}
