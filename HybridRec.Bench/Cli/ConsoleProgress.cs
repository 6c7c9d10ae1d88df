using System.Diagnostics;
using System.Globalization;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Cli;

/// <summary>
/// Writes training progress lines synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).
/// Batch lines are throttled to one every two seconds; epoch lines always print.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output) : IProgress<TrainingProgress>
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

    public void Report(TrainingProgress p)
    {
        if (p.Epoch is null && _sinceLast.Elapsed < TimeSpan.FromSeconds(2)) return;
        _sinceLast.Restart();
        string model = p.Members > 1 ? $"model {p.Member + 1}/{p.Members}  " : "";
        if (p.Epoch is { } e)
            output.WriteLine($"{model}epoch {e.Epoch,3}/{p.Epochs}  train RMSE {e.TrainRmse:0.0000}  " +
                             (double.IsNaN(e.ValidationRmse) ? "no validation part  " : $"val RMSE {e.ValidationRmse:0.0000} ({e.ValidationRmseStars:0.0000} stars)  ") +
                             $"{e.Duration.TotalSeconds,6:0.00} s  {e.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),12} samples/s");
        else
            output.WriteLine($"{model}epoch {p.EpochNumber,3}/{p.Epochs}  batch {p.Batch}/{p.Batches}  train RMSE {p.RunningTrainRmse:0.0000}");
    }
}
