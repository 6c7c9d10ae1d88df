using System.Globalization;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Reports;

/// <summary>The main job's console lines about training, worded after the report's fields (<see cref="RunReport"/>) so both say the same thing on every backend.</summary>
internal static class TrainingSummary
{
    /// <summary>
    /// The members' epochs: <c>epochs_per_member</c>, <c>best_epochs</c>, <c>refit_epochs_per_member</c>,
    /// <c>fit_ratings_per_member</c>, <c>validation_ratings_per_member</c>; null when nothing was validated.
    /// </summary>
    public static string? Epochs(RunReport report, TrainingOptions options)
    {
        if (report.ValidationRatingsPerMember == 0) return null;
        string what = report.RefitEpochsTotal > 0 ? "best" : options.RestoreBestEpoch ? "restored" : "final";
        string stopped = report.StoppedEarly ? "; early stopping" : "";
        string refit = report.RefitEpochsTotal > 0
            ? $"; refit on all {report.TrainRatings:N0} training ratings for the best epoch count: {List(report.RefitEpochsPerMember)} ({report.RefitEpochsTotal} in all)"
            : "";
        string members = report.EnsembleSize == 1 ? "1 model" : $"{report.EnsembleSize} models (each its own seed and validation part)";
        return string.Create(CultureInfo.InvariantCulture,
            $"epochs: {members} on {report.FitRatingsPerMember:N0} fitting ratings, validated on {report.ValidationRatingsPerMember:N0}: " +
            $"{List(report.EpochsPerMember)} epoch{(report.EpochsTotal == 1 ? "" : "s")} ({report.EpochsTotal} in all{stopped}), {what} {List(report.BestEpochs)}{refit}");
    }

    /// <summary>Training time and throughput: <c>train_seconds</c>, <c>samples_trained</c>, <c>samples_per_second</c>, <c>member_step_samples_per_second</c>, <c>concurrent_members</c>.</summary>
    public static string Throughput(RunReport report) => string.Create(CultureInfo.InvariantCulture,
        $"training: {report.TrainSeconds:0.0} s wall, {report.SamplesTrained:N0} samples, {report.SamplesPerSecond:N0} samples/s " +
        $"({report.EnsembleSize} model{(report.EnsembleSize == 1 ? "" : "s")}, {report.ConcurrentMembers} at a time; " +
        $"each model's own steps: {report.MemberStepSamplesPerSecond:N0} samples/s)");

    private static string List(IReadOnlyList<int> values) => string.Join(", ", values);
}
