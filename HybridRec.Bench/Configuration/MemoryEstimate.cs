using System.Globalization;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Backends;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// What a training run will allocate beyond the loaded data, estimated from the configuration and the data's sizes
/// before anything is allocated: per model training at the same time, the parameter block (parameters, gradients and
/// Adam's two moments) with the initial, best and final copies, the batch buffers, and two epoch plans over its fitting
/// part plus the refit's; and every finished model's parameters. (On a device backend part of it lives on the device;
/// the estimate counts it all against the host's limit.)
/// </summary>
/// <param name="Parameters">Parameters of one model.</param>
/// <param name="Concurrent">Models trained at the same time.</param>
/// <param name="Members">Models trained in all.</param>
/// <param name="ParameterBytes">Parameter blocks and copies of the models training at once, and the finished models' parameters.</param>
/// <param name="BatchBytes">Batch buffers of the models training at once.</param>
/// <param name="PlanBytes">Training samples and epoch plans of the models training at once.</param>
internal sealed record MemoryEstimate(long Parameters, int Concurrent, int Members, long ParameterBytes, long BatchBytes, long PlanBytes)
{
    /// <summary>The whole estimate in bytes.</summary>
    public long TotalBytes => ParameterBytes + BatchBytes + PlanBytes;

    /// <summary>
    /// The estimate for training <paramref name="config"/> on <paramref name="trainRatings"/> ratings of
    /// <paramref name="data"/>, <paramref name="fitRatings"/> of them fitted per epoch. Throws
    /// <see cref="ArgumentException"/> when the model cannot be laid out at all (more parameters than one block holds).
    /// </summary>
    public static MemoryEstimate For(RatingDataset data, HybridConfiguration config, int trainRatings, int fitRatings)
    {
        var layout = BackendSetup.Create(data, config.Model, config.Training.Adam, 0f).Layout;
        long p = layout.Count;
        int concurrent = HybridTrainer.ResolveConcurrentMembers(config.Training);
        int members = config.Training.EnsembleSize;
        long batch = Math.Min(config.Training.BatchSize, Math.Max(1, fitRatings));
        int e = config.Model.EmbeddingSize, k = layout.ConcatWidth, towers = k - 1 - layout.Hn;
        // Floats per sample of a batch: inputs and their gradients (4E + 2E), the concatenation and its gradient (2K),
        // the towers' outputs and gradients (2·ΣW), the output and its gradient, and two index columns.
        long perSample = 6L * e + 2L * k + 2L * towers + 4;
        // The ranking head: per sample its user row gradient (Er) and 1 + negatives candidates' logits and logit gradients;
        // per plan and sample, 1 + negatives candidates (item, mask byte, and a segment table of four ints each).
        int candidates = layout.HasRankingHead ? 1 + config.Training.Ranking.Negatives : 0;
        perSample += layout.Er + 2L * candidates;
        // Per plan: users, items, targets and the shuffle order, and two segment tables of four ints per sample. A member
        // alternates two plans over its fitting part (one when it trains one epoch) and its refit has one over all ratings.
        long planBytesPerSample = 12 * sizeof(int) + candidates * (5L * sizeof(int) + 1);
        long plans = (config.Training.Epochs > 1 ? 2 : 1) * planBytesPerSample * fitRatings + (config.Training.RefitOnAllData ? planBytesPerSample * trainRatings : 0);
        const long sampleBytes = 3 * sizeof(int);   // user, item, target
        return new MemoryEstimate(p, concurrent, members,
            // A member with a ranking head refits on a second backend (its own log q): one more block of 4P.
            ParameterBytes: concurrent * (layout.HasRankingHead && config.Training.RefitOnAllData ? 11L : 7L) * p * sizeof(float) + members * p * sizeof(float),
            BatchBytes: concurrent * batch * perSample * sizeof(float),
            PlanBytes: sampleBytes * trainRatings + concurrent * (plans + sampleBytes * trainRatings));
    }

    /// <summary>The estimate with its parts, e.g. <c>about 1.2 GiB (…)</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"about {Size(TotalBytes)} ({Parameters:N0} parameters per model: {Size(ParameterBytes)} for the parameter blocks of {Concurrent} model(s) training at once and {Members} finished model(s); " +
        $"{Size(BatchBytes)} of batch buffers; {Size(PlanBytes)} of samples and epoch plans)");

    /// <summary>Bytes in KiB, MiB or GiB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
    };
}
