using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// Arithmetic and memory traffic of one training sample of the hybrid network, for roofline bounds
/// (docs/performance.md). FLOPs count a multiply-add as 2. Bytes are counted two ways:
/// <list type="bullet">
/// <item><b>essential</b>: what any implementation must move through device memory: the sample's indices and
/// target, the four embedding rows it reads (and per-row biases), and Adam's read-modify-write of the rows the
/// batch touches (parameter, gradient, two moments) shared among the samples that touch them, plus dense Adam of
/// all rows when that variant is used; small weight matrices are assumed cache-resident;</item>
/// <item><b>as implemented</b>: the same plus every intermediate the HybridRec kernels write to and read back
/// from device memory (x, c, dc, dx, per-sample row gradients, segment lists).</item>
/// </list>
/// </summary>
internal sealed record CostModel(double FlopsPerSample, double EssentialBytesPerSample, double ImplementedBytesPerSample)
{
    /// <summary>
    /// The cost of one sample of <paramref name="l"/>'s network; <paramref name="featuresPerSample"/> holds, per tower of
    /// <see cref="ParameterLayout.Towers"/>, the mean number of active features per sample (each tower counted per
    /// sample, as if it ran once per sample).
    /// </summary>
    public static CostModel For(ParameterLayout l, EpochPlan plan, AdamVariant adam, IReadOnlyList<double> featuresPerSample)
    {
        if (featuresPerSample.Count != l.Towers.Count) throw new ArgumentException($"{featuresPerSample.Count} feature counts for {l.Towers.Count} towers.");
        double e = l.E, hn = l.Hn, k = l.ConcatWidth;
        double bias = l.HasBiases ? 1 : 0;
        double towers = l.Towers.Select((t, i) => featuresPerSample[i] * t.Width).Sum();
        // Forward: dot, neural Dense, bags, output.
        double fwd = 2 * e + 2 * (2 * e) * hn + towers + 2 * k;
        // Backward: output (dWo, dc), dot (dP1, dQ1), neural (dWn, dx), towers (dW rows), segment sums.
        double bwd = 2 * k + 2 * k + 4 * e + 2 * (2 * e) * hn + 2 * (2 * e) * hn + towers + 4 * e + 2 * bias;

        // Distinct rows per batch, averaged over the plan's full batches.
        double users = 0, movies = 0;
        int batches = 0;
        for (int b = 0; b < plan.BatchCount; b++)
        {
            if (plan.BatchLength(b) < plan.BatchSize) continue;
            users += plan.UserSegments.RowCounts[b];
            movies += plan.ItemSegments.RowCounts[b];
            batches++;
        }
        double n = plan.BatchSize;
        double touchedPerSample = batches == 0 ? 2 : (users + movies) / batches / n;  // distinct rows per sample
        double rowWidth = 2 * e + bias;                                                // cf + nn (+ bias) elements per user/item
        double adamElems = adam == AdamVariant.Lazy
            ? touchedPerSample * rowWidth + l.DenseCount / n
            : l.Count / n;
        double adamFlops = 10 * adamElems;
        const double AdamBytesPerElement = 4 * 4 + 4 * 4;                             // read p, g, m, v; write p, m, v, g (cleared)

        double indices = 3 * 4;                                                        // user, item, target
        double gathers = 4 * e * 4 + 2 * bias * 4;
        double rowGradients = touchedPerSample * rowWidth * 4;                         // segment sums write each touched row once
        double essential = indices + gathers + rowGradients + adamElems * AdamBytesPerElement;

        // Intermediates of the kernel pipeline (write + read back), per sample.
        double x = 2 * e * 4 * 2, c = k * 4 * 2 * 3, dc = k * 4 * 2 * 3, dx = 2 * e * 4 * 2 * 2, dpq = 2 * e * 4 * 2, y = 4 * 2 * 3;
        double segments = 2 * 3 * 4;
        double implemented = essential + x + c + dc + dx + dpq + y + segments + gathers; // the dot product reads P1/Q1 again
        return new CostModel(fwd + bwd + adamFlops, essential, implemented);
    }

    /// <summary>Samples per second allowed by memory bandwidth and by arithmetic, and their minimum.</summary>
    public (double ByBandwidth, double ByCompute, double Bound) Roofline(double bytesPerSecond, double flopsPerSecond, bool essential = true)
    {
        double bytes = essential ? EssentialBytesPerSample : ImplementedBytesPerSample;
        double byBandwidth = bytesPerSecond / bytes, byCompute = flopsPerSecond / FlopsPerSample;
        return (byBandwidth, byCompute, Math.Min(byBandwidth, byCompute));
    }

    /// <summary>Memory bandwidth and fp32 rate of known cards: measured device-to-device copy rates on this workplace's machines where available, else datasheet values.</summary>
    public static (double BytesPerSecond, double FlopsPerSecond, string Source)? Ceilings(string deviceName)
    {
        string d = deviceName.ToUpperInvariant();
        if (d.Contains("H200")) return (4.3e12, 67e12, "H200: 4.3 TB/s measured copy bandwidth, 67 TFLOP/s fp32 (datasheet)");
        if (d.Contains("H100")) return (3.0e12, 67e12, "H100 SXM: 3.0 TB/s measured copy bandwidth, 67 TFLOP/s fp32 (datasheet)");
        if (d.Contains("A100")) return (1.9e12, 19.5e12, "A100: 1.9 TB/s, 19.5 TFLOP/s fp32 (datasheet)");
        return null;
    }
}
