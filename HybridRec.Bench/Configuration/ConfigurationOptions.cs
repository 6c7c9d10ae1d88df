using System.CommandLine;
using HybridRec.Bench.Cli;
using HybridRec.Model;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// The hyperparameter flags shared by the training commands, each defined once: <c>--preset</c>, <c>--config FILE</c>
/// and one <see cref="Hyperparameter"/> per setting. <see cref="Resolve"/> maps them onto a
/// <see cref="HybridConfiguration"/>: the preset, then the file, then the flags given. The library holds every default;
/// the help text shows the presets' values.
/// </summary>
internal sealed class ConfigurationOptions
{
    /// <summary><c>--preset</c>: a name of <see cref="HybridPresets.Names"/>.</summary>
    public Option<string?> Preset { get; } = CliOption.Word("--preset",
        "the starting configuration: tuned (the library's default), seed or original (the original notebook's model and hyperparameters)",
        [.. HybridPresets.Names]);

    /// <summary><c>--config FILE</c>: a configuration file (as written by <c>tune</c>), over the preset.</summary>
    public Option<string?> Config { get; } = CliOption.ExistingPath("--config",
        "hyperparameters from a JSON file (as 'tune' writes best-config.json): fields left out keep the preset's value; the flags below override it", "FILE");

    /// <summary><c>--refit</c>.</summary>
    public Option<bool> Refit { get; } = CliOption.Flag("--refit",
        $"retrain each model on all training ratings for its best epoch count (tuned: {OnOff(HybridPresets.Tuned.Training.RefitOnAllData)}; seed: {OnOff(HybridPresets.Original.Training.RefitOnAllData)})");

    /// <summary><c>--no-refit</c>.</summary>
    public Option<bool> NoRefit { get; } = CliOption.Flag("--no-refit", "keep each model as trained on its fitting part (no refit)");

    /// <summary><c>--epochs</c>.</summary>
    public NumberHyperparameter<int> Epochs { get; } = Int("training.epochs", "--epochs", "maximum passes over the training data", 1, 100_000,
        c => c.Training.Epochs, (c, v) => c with { Training = c.Training with { Epochs = v } });

    /// <summary><c>--batch-size</c>.</summary>
    public NumberHyperparameter<int> BatchSize { get; } = Int("training.batch_size", "--batch-size", "samples per training step (at most the ratings a model fits on)", 1, 1 << 24,
        c => c.Training.BatchSize, (c, v) => c with { Training = c.Training with { BatchSize = v } });

    /// <summary><c>--embedding-size</c>.</summary>
    public NumberHyperparameter<int> EmbeddingSize { get; } = Int("model.embedding_size", "--embedding-size", "embedding size E of both embedding pairs", 1, 4096,
        c => c.Model.EmbeddingSize, (c, v) => c with { Model = c.Model with { EmbeddingSize = v } });

    /// <summary>Every hyperparameter flag, in help order.</summary>
    public IReadOnlyList<Hyperparameter> All { get; }

    public ConfigurationOptions()
    {
        All =
        [
            Epochs, BatchSize, EmbeddingSize,
            Real("training.adam.learning_rate", "--learning-rate", "Adam's learning rate", 1e-9, 10,
                c => c.Training.Adam.LearningRate, (c, v) => c with { Training = c.Training with { Adam = c.Training.Adam with { LearningRate = (float)v } } }),
            new ChoiceHyperparameter<AdamVariant>("training.adam.variant", "--adam", "Adam's update of the embeddings: dense (every row every step) or lazy (the rows a batch uses)",
                [("dense", AdamVariant.Dense), ("lazy", AdamVariant.Lazy)], c => ConfigurationText.Name(c.Training.Adam.Variant),
                (c, v) => c with { Training = c.Training with { Adam = c.Training.Adam with { Variant = v } } }),
            Real("training.adam.epsilon", "--epsilon", "Adam's ε", 1e-12, 1,
                c => c.Training.Adam.Epsilon, (c, v) => c with { Training = c.Training with { Adam = c.Training.Adam with { Epsilon = (float)v } } }),
            new ChoiceHyperparameter<Switch>("model.use_biases", "--biases", "a bias per user and per item and the mean rating as a fixed offset",
                [("on", Switch.On), ("off", Switch.Off)], c => OnOff(c.Model.UseBiases), (c, v) => c with { Model = c.Model with { UseBiases = v == Switch.On } }),
            Real("model.embedding_l2", "--embedding-l2", "λe: L2 on the embedding rows and biases a batch uses, per occurrence", 0, 1e6,
                c => c.Model.EmbeddingL2, (c, v) => c with { Model = c.Model with { EmbeddingL2 = (float)v } }),
            Real("model.embedding_table_l2", "--table-l2", "λt: L2 on every row of the embedding and bias tables each step (needs dense Adam)", 0, 1e6,
                c => c.Model.EmbeddingTableL2, (c, v) => c with { Model = c.Model with { EmbeddingTableL2 = (float)v } }),
            Real("model.dense_l2", "--dense-l2", "λd: L2 on the Dense and tower weight matrices", 0, 1e6,
                c => c.Model.DenseL2, (c, v) => c with { Model = c.Model with { DenseL2 = (float)v } }),
            Real("model.embedding_init_range", "--init-range", "embeddings start uniform in ±X", 0, 10,
                c => c.Model.EmbeddingInitRange, (c, v) => c with { Model = c.Model with { EmbeddingInitRange = (float)v } }),
            new ChoiceHyperparameter<Switch>("model.user_feature_groups", "--user-features", "towers over the users' feature groups (ml-100k, ml-1m, --users)",
                [("on", Switch.On), ("off", Switch.Off)], c => c.Model.UserFeatureGroups switch { null => "on", [] => "off", var g => string.Join(",", g) },
                (c, v) => c with { Model = c.Model with { UserFeatureGroups = v == Switch.On ? null : [] } }),
            Int("training.ensemble_size", "--ensemble", "train N models, each on its own seed and validation part, and average them", 1, 100,
                c => c.Training.EnsembleSize, (c, v) => c with { Training = c.Training with { EnsembleSize = v } }),
            Real("training.validation_fraction", "--validation", "share of the training ratings each model holds out for early stopping (0: none; then no early stopping or refit)", 0, 0.9,
                c => c.Training.ValidationFraction, (c, v) => c with { Training = c.Training with { ValidationFraction = v } }),
            Int("training.patience", "--patience", "stop after N epochs without a better validation RMSE, and restore the best epoch", 1, 10_000,
                c => c.Training.Patience, (c, v) => c with { Training = c.Training with { Patience = v, RestoreBestEpoch = true } }),
            Real("training.learning_rate_decay", "--lr-decay", "multiply the learning rate by F when the validation RMSE stalls (1: off)", 0.001, 1,
                c => c.Training.LearningRateDecay, (c, v) => c with { Training = c.Training with { LearningRateDecay = (float)v } }),
            MinTagCount,
            // The ranking head: its size first, so that --ranking-loss off wins over a size.
            Int("model.ranking_embedding_size", "--ranking-embedding-size", "size Er of the ranking head's embeddings (0: no head, items rank by predicted rating)", 0, 4096,
                c => c.Model.RankingEmbeddingSize, (c, v) => c with { Model = c.Model with { RankingEmbeddingSize = v } }),
            new ChoiceHyperparameter<RankingLoss>("model.ranking_embedding_size", "--ranking-loss",
                $"the ranking objective: softmax (a ranking head trained with a sampled softmax over sampled unrated items; size {HybridModelOptions.RankingHeadSize} unless --ranking-embedding-size) or off (no head)",
                [("softmax", RankingLoss.Softmax), ("off", RankingLoss.Off)], c => c.Model.HasRankingHead ? "softmax" : "off",
                (c, v) => c with { Model = c.Model with { RankingEmbeddingSize = v == RankingLoss.Off ? 0 : c.Model.HasRankingHead ? c.Model.RankingEmbeddingSize : HybridModelOptions.RankingHeadSize } }),
            Real("model.ranking_rating_blend", "--rating-blend", "β of the ranking score: the head's score plus β × the predicted rating on [0, 1] (0: the head alone; needs the head; scoring only, training is unchanged)",
                0, HybridModelOptions.MaxRankingRatingBlend, c => c.Model.RankingRatingBlend, (c, v) => c with { Model = c.Model with { RankingRatingBlend = (float)v } }),
            Real("training.ranking.weight", "--ranking-weight", "weight W of the ranking loss: objective = rating MSE + W · mean sampled-softmax cross-entropy", 0, 1e6,
                c => c.Training.Ranking.Weight, (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { Weight = (float)v } } }),
            Int("training.ranking.negatives", "--negatives", "sampled unrated items per training rating for the ranking loss", 1, RankingLossOptions.MaxNegatives,
                c => c.Training.Ranking.Negatives, (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { Negatives = v } } }),
            new ChoiceHyperparameter<NegativeSampling>("training.ranking.sampling", "--negative-sampling", "how negatives are drawn: popularity ((ratings + 1)^α) or uniform",
                [("popularity", NegativeSampling.Popularity), ("uniform", NegativeSampling.Uniform)], c => ConfigurationText.Name(c.Training.Ranking.Sampling),
                (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { Sampling = v } } }),
            Real("training.ranking.popularity_exponent", "--popularity-exponent", "α of popularity sampling", 0, 4,
                c => c.Training.Ranking.PopularityExponent, (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { PopularityExponent = (float)v } } }),
            new ChoiceHyperparameter<Switch>("training.ranking.log_q_correction", "--logq", "subtract log q(item) from each candidate's logit (the sampled softmax's correction)",
                [("on", Switch.On), ("off", Switch.Off)], c => OnOff(c.Training.Ranking.LogQCorrection),
                (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { LogQCorrection = v == Switch.On } } }),
            Real("training.ranking.learning_rate_scale", "--ranking-lr-scale", "the ranking head's Adam step is the learning rate times F", 1e-3, 1e3,
                c => c.Training.Ranking.LearningRateScale, (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { LearningRateScale = (float)v } } }),
            new ChoiceHyperparameter<Switch>("training.ranking.table_l2", "--ranking-table-l2", "whether λt (--table-l2) also pulls the ranking head's rows",
                [("on", Switch.On), ("off", Switch.Off)], c => OnOff(c.Training.Ranking.TableL2),
                (c, v) => c with { Training = c.Training with { Ranking = c.Training.Ranking with { TableL2 = v == Switch.On } } }),
        ];
    }

    /// <summary><c>--min-tag-count</c>: also read by the commands that only load data and take a preset.</summary>
    public NumberHyperparameter<int> MinTagCount { get; } = Int("min_tag_count", "--min-tag-count", "MovieLens: drop tags used fewer than N times", 1, int.MaxValue,
        c => c.MinTagCount, (c, v) => c with { MinTagCount = v });

    /// <summary>Adds <c>--preset</c>, <c>--config</c>, every hyperparameter flag and <c>--refit</c>/<c>--no-refit</c> to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Preset);
        command.Add(Config);
        foreach (var h in All) command.Add(h.Option);
        command.Add(Refit);
        command.Add(NoRefit);
        command.Validators.Add(r =>
        {
            if (r.GetResult(Refit) is not null && r.GetResult(NoRefit) is not null) r.AddError("--refit and --no-refit contradict each other.");
        });
    }

    /// <summary>Adds only <c>--preset</c>, <c>--config</c> and <c>--min-tag-count</c> (the commands that build a model but do not train one).</summary>
    public void AddPresetTo(Command command)
    {
        command.Add(Preset);
        command.Add(Config);
        command.Add(MinTagCount.Option);
    }

    /// <summary>The preset's name as given (or <paramref name="fallback"/>).</summary>
    public string PresetName(ParseResult r, string fallback = "tuned") => r.GetValue(Preset) ?? fallback;

    /// <summary>
    /// The preset, then <c>--config</c> (<see cref="LoadFile"/>), then the flags given; validated. Flags that make
    /// the configuration invalid together are a usage error.
    /// </summary>
    public HybridConfiguration Resolve(ParseResult r, string fallbackPreset = "tuned")
    {
        var c = HybridPresets.Get(PresetName(r, fallbackPreset));
        if (r.GetValue(Config) is string path) c = LoadFile(path);
        foreach (var h in All) c = h.Apply(r, c);
        var t = c.Training;
        bool refit = r.GetValue(Refit), noRefit = r.GetValue(NoRefit);
        if (refit) t = t with { RefitOnAllData = true, RestoreBestEpoch = true };
        if (noRefit) t = t with { RefitOnAllData = false };
        if (t.ValidationFraction == 0)
        {
            // No validation part: train on every training rating for the given epochs (nothing to stop on or refit from).
            if (refit) throw new UsageException("--refit needs a validation part to choose the epoch count (--validation F with F > 0).");
            if (r.GetResult(All.Single(h => h.Field == "training.patience").Option) is { Implicit: false })
                throw new UsageException("--patience needs a validation part to stop on (--validation F with F > 0).");
            t = t with { Patience = null, RestoreBestEpoch = false, RefitOnAllData = false };
        }
        c = c with { Training = t };
        try { c.Validate(); }
        catch (ArgumentException e) { throw new UsageException($"the options do not fit together: {ErrorPolicy.MessageOf(e)}"); }
        return c;
    }

    /// <summary>
    /// Reads a configuration file: a malformed file, a null, an unknown field or a value outside the range the matching
    /// flag accepts is an <see cref="InvalidDataException"/> naming the file and the field (exit code 1).
    /// </summary>
    public HybridConfiguration LoadFile(string path)
    {
        var c = HybridConfiguration.Load(path);
        foreach (var h in All)
            if (h.RangeProblem(c) is string problem) throw new InvalidDataException($"'{path}', field {h.Field}: {problem}.");
        return c;
    }

    /// <summary>Where the value of <paramref name="h"/> came from: the flag, the configuration file or the preset.</summary>
    public string Origin(ParseResult r, Hyperparameter h, HybridConfiguration c)
    {
        if (h.Given(r)) return $"{h.Option.Name} {h.Show(c)}";
        if (r.GetValue(Config) is string path) return $"{h.Field} {h.Show(c)} in '{path}'";
        return $"the {PresetName(r)} preset's {h.Option.Name} {h.Show(c)}";
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    private static NumberHyperparameter<int> Int(string field, string name, string description, int min, int max,
        Func<HybridConfiguration, int?> get, Func<HybridConfiguration, int, HybridConfiguration> set) =>
        new(field, (text, lo, hi) => CliOption.Int(name, text, lo, hi), description, min, max, get, set);

    private static NumberHyperparameter<double> Real(string field, string name, string description, double min, double max,
        Func<HybridConfiguration, double?> get, Func<HybridConfiguration, double, HybridConfiguration> set) =>
        new(field, (text, lo, hi) => CliOption.Real(name, text, lo, hi), description, min, max, get, set);
}

/// <summary>The ranking objective of <c>--ranking-loss</c>.</summary>
internal enum RankingLoss
{
    /// <summary>off: no ranking head</summary>
    Off,

    /// <summary>softmax: a ranking head with a sampled softmax</summary>
    Softmax,
}

/// <summary>An on/off setting (a word, not a bool: System.CommandLine reads only true/false after a bool option).</summary>
internal enum Switch
{
    /// <summary>off</summary>
    Off,

    /// <summary>on</summary>
    On,
}
