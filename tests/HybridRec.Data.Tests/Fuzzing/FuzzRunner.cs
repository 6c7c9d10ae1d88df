using System.Diagnostics;
using System.Text;

namespace HybridRec.Data.Tests.Fuzzing;

/// <summary>A bug the fuzzer found: the input (reproducible from target, seed and index) and what went wrong.</summary>
internal sealed record FuzzFinding(FuzzInput Input, string Kind, string Detail);

/// <summary>What a fuzz run of one target tried and found.</summary>
internal sealed class FuzzStats
{
    public FuzzStats(FuzzTarget target, long seed) => (Target, Seed) = (target, seed);

    public FuzzTarget Target { get; }

    public long Seed { get; }

    public long Inputs { get; set; }

    public long Loaded { get; set; }

    public long Rejected { get; set; }

    /// <summary>Inputs whose archive bytes were mutated (zipped targets).</summary>
    public long ContainerMutated { get; set; }

    /// <summary>Bugs found (at most <see cref="FuzzRunner.MaxFindings"/> kept).</summary>
    public List<FuzzFinding> Bugs { get; } = [];

    /// <summary>Bugs found in all.</summary>
    public long BugCount { get; set; }

    /// <summary>Bugs by kind (the exception type, "invariant: …", "location: …", "memory").</summary>
    public Dictionary<string, long> BugKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Rejections by message kind: count and one full message.</summary>
    public Dictionary<string, (long Count, string Example)> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>An input that ran past the hang limit (the run stops there), or null.</summary>
    public FuzzInput? Hung { get; set; }

    public TimeSpan MaxInputTime { get; set; }

    public long MaxInputTimeIndex { get; set; }

    public long MaxAllocated { get; set; }

    public long InputBytes { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>One line: counts, time and the worst input.</summary>
    public string Summary() =>
        $"{Target.Name,-12} {Inputs,11:N0} inputs: {Loaded,9:N0} loaded, {Rejected,11:N0} rejected ({Messages.Count:N0} message kinds), {BugCount:N0} bugs{(Hung is null ? "" : ", HUNG")}; " +
        $"{Elapsed.TotalSeconds:0.0} s ({Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9):N0}/s); slowest input {MaxInputTime.TotalMilliseconds:0.0} ms (#{MaxInputTimeIndex}); " +
        $"most allocated {MaxAllocated / 1048576.0:0.0} MiB; {ContainerMutated:N0} archives mutated";

    /// <summary>Every message kind with its count, most frequent first.</summary>
    public string MessageTable(int examples = 0)
    {
        var sb = new StringBuilder();
        foreach (var (kind, (count, example)) in Messages.OrderByDescending(m => m.Value.Count).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {count,10:N0}  {kind}");
            if (examples > 0) sb.AppendLine($"              e.g. {example}");
        }
        return sb.ToString();
    }
}

/// <summary>Runs inputs of one target in order on a dedicated thread, with a watchdog for hangs.</summary>
internal static class FuzzRunner
{
    /// <summary>Findings kept per target (all are counted).</summary>
    public const int MaxFindings = 20;

    /// <summary>
    /// Runs inputs <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>−1 of
    /// <paramref name="target"/> under <paramref name="seed"/>. An input running longer than
    /// <paramref name="hangLimit"/> stops the run (its thread is abandoned) and is returned in
    /// <see cref="FuzzStats.Hung"/>. <paramref name="progress"/> is called about every <paramref name="progressEvery"/>.
    /// </summary>
    public static FuzzStats Run(FuzzTarget target, long seed, long first, long count, TimeSpan hangLimit,
        Action<FuzzStats>? progress = null, TimeSpan? progressEvery = null)
    {
        var stats = new FuzzStats(target, seed);
        long current = -1, startedAt = 0;
        FuzzInput? running = null;
        var clock = Stopwatch.StartNew();
        Exception? crash = null;
        var worker = new Thread(() =>
        {
            try
            {
                for (long i = first; i < first + count; i++)
                {
                    var input = FuzzInput.Make(target, seed, i);
                    Volatile.Write(ref running, input);
                    Volatile.Write(ref startedAt, clock.ElapsedTicks);
                    Volatile.Write(ref current, i);
                    var outcome = FuzzOracle.Run(input);
                    lock (stats) Record(stats, input, outcome);
                }
            }
            catch (Exception e)
            {
                crash = e; // a bug of the fuzzer itself, not of the loader
            }
        }, 16 << 20) { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();

        var nextProgress = progressEvery ?? TimeSpan.MaxValue;
        while (!worker.Join(200))
        {
            long started = Volatile.Read(ref startedAt);
            var runningFor = TimeSpan.FromSeconds((clock.ElapsedTicks - started) / (double)Stopwatch.Frequency);
            if (Volatile.Read(ref current) >= 0 && runningFor > hangLimit)
            {
                lock (stats)
                {
                    stats.Hung = Volatile.Read(ref running);
                    stats.Elapsed = clock.Elapsed;
                }
                return stats;
            }
            if (progress is not null && clock.Elapsed >= nextProgress)
            {
                lock (stats)
                {
                    stats.Elapsed = clock.Elapsed;
                    progress(stats);
                }
                nextProgress = clock.Elapsed + progressEvery!.Value;
            }
        }
        if (crash is not null) throw new InvalidOperationException($"the fuzzer failed on {target.Name} input {Volatile.Read(ref current)}", crash);
        stats.Elapsed = clock.Elapsed;
        return stats;
    }

    private static void Record(FuzzStats stats, FuzzInput input, FuzzOutcome outcome)
    {
        stats.Inputs++;
        stats.InputBytes += input.Size;
        if (input.ContainerMutated) stats.ContainerMutated++;
        if (outcome.Elapsed > stats.MaxInputTime)
        {
            stats.MaxInputTime = outcome.Elapsed;
            stats.MaxInputTimeIndex = input.Index;
        }
        stats.MaxAllocated = Math.Max(stats.MaxAllocated, outcome.Allocated);
        switch (outcome.Verdict)
        {
            case FuzzVerdict.Loaded:
                stats.Loaded++;
                break;
            case FuzzVerdict.Rejected:
                stats.Rejected++;
                stats.Messages[outcome.Message] = stats.Messages.TryGetValue(outcome.Message, out var m)
                    ? (m.Count + 1, m.Example)
                    : (1, outcome.Example);
                break;
            default:
                stats.BugCount++;
                stats.BugKinds[outcome.Message] = stats.BugKinds.GetValueOrDefault(outcome.Message) + 1;
                if (stats.Bugs.Count < MaxFindings) stats.Bugs.Add(new FuzzFinding(input, outcome.Message, outcome.Example));
                break;
        }
    }
}
