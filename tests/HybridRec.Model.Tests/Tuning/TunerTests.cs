using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class TunerTests
{
    /// <summary>Collects reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
    private sealed class Recorder(Action<TrialResult>? onReport = null) : IProgress<TrialResult>
    {
        public List<TrialResult> Reports { get; } = [];

        public void Report(TrialResult value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    private static readonly GridSampler Grid = new(("x", [5, 3, 4, 1, 2]));

    [Fact]
    public void Runs_the_trials_in_order_and_tracks_the_best()
    {
        var recorder = new Recorder();
        // grid order x = 5, 3, 4, 1, 2; x = 3 fails → scores 5, NaN, 4, 1, 2
        var result = Tuner.Run(Grid, (p, _) => new TrialOutcome(p.Get("x") == 3 ? double.NaN : p.Get("x"),
            new Dictionary<string, double> { ["rmse"] = p.Get("x") / 10 }), 5, recorder, TestContext.Current.CancellationToken);
        Assert.Equal([0, 1, 2, 3, 4], result.Trials.Select(t => t.Number));
        Assert.Equal(result.Trials, recorder.Reports);
        Assert.Equal([5.0, 5.0, 4.0, 1.0, 1.0], result.BestSoFar);
        Assert.Equal(3, result.Best.Number);
        Assert.Equal(1.0, result.Best.Parameters.Get("x"));
        Assert.False(result.Trials[1].Succeeded);
        Assert.Equal(0.4, result.Trials[2].Metrics["rmse"]);
        Assert.All(result.Trials, t => Assert.True(t.Duration >= TimeSpan.Zero));
    }

    [Fact]
    public void Ties_go_to_the_earlier_trial_and_failures_leave_best_so_far_infinite()
    {
        var result = new TuningResult(
        [
            new TrialResult(0, new TrialParameters([]), double.PositiveInfinity, TimeSpan.Zero, new Dictionary<string, double>()),
            new TrialResult(1, new TrialParameters([]), 2, TimeSpan.Zero, new Dictionary<string, double>()),
            new TrialResult(2, new TrialParameters([]), 2, TimeSpan.Zero, new Dictionary<string, double>()),
        ]);
        Assert.Equal(1, result.Best.Number);
        Assert.Equal([double.PositiveInfinity, 2, 2], result.BestSoFar);
        var failed = new TuningResult([new TrialResult(0, new TrialParameters([]), double.NaN, TimeSpan.Zero, new Dictionary<string, double>())]);
        Assert.False(failed.AnySucceeded);
        Assert.Throws<InvalidOperationException>(() => failed.Best);
        Assert.Throws<ArgumentException>(() => new TuningResult([]));
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_any_trial_runs()
    {
        int calls = 0;
        TrialOutcome Objective(TrialParameters p, CancellationToken ct) { calls++; return new TrialOutcome(0); }
        var ct = TestContext.Current.CancellationToken;
        Assert.Throws<ArgumentOutOfRangeException>(() => Tuner.Run(Grid, Objective, 6, ct: ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tuner.Run(Grid, Objective, 0, ct: ct));
        Assert.Throws<ArgumentNullException>(() => Tuner.Run(null!, Objective, 1, ct: ct));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Cancellation_stops_between_trials_after_reporting_the_finished_ones()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var recorder = new Recorder(t => { if (t.Number == 2) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => Tuner.Run(Grid, (p, _) => new TrialOutcome(p.Get("x")), 5, recorder, cts.Token));
        Assert.Equal(3, recorder.Reports.Count);
        // The trials reported so far (x = 5, 3, 4) make a result of their own.
        Assert.Equal(1, new TuningResult(recorder.Reports).Best.Number);
    }

    [Fact]
    public void Objective_exceptions_propagate()
    {
        Assert.Throws<InvalidDataException>(() =>
            Tuner.Run(Grid, (_, _) => throw new InvalidDataException("diverged"), 2, ct: TestContext.Current.CancellationToken));
    }
}
