using System.Diagnostics;
using System.Text;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>A bug the fuzzer found: the input (reproducible from seed and index) and what went wrong.</summary>
internal sealed record FuzzFinding(ModelFuzzInput Input, string Kind, string Detail);

/// <summary>What a fuzz run tried and found.</summary>
internal sealed class FuzzStats
{
    /// <summary>Findings kept (all are counted).</summary>
    public const int MaxFindings = 20;

    public long Inputs { get; set; }

    public long Loaded { get; set; }

    public long Rejected { get; set; }

    public long BugCount { get; set; }

    /// <summary>Inputs per mutation family (valid, semantic, length, payload, raw).</summary>
    public Dictionary<string, long> Families { get; } = new(StringComparer.Ordinal);

    /// <summary>Rejections per stage of the reader (see <see cref="ModelFuzzOracle.Stage"/>).</summary>
    public Dictionary<string, long> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>Rejections by message kind: count and one full message.</summary>
    public Dictionary<string, (long Count, string Example)> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> BugKinds { get; } = new(StringComparer.Ordinal);

    public List<FuzzFinding> Bugs { get; } = [];

    /// <summary>An input that ran past the hang limit (its run stops there), or null.</summary>
    public ModelFuzzInput? Hung { get; set; }

    public TimeSpan MaxInputTime { get; set; }

    public long MaxInputTimeIndex { get; set; }

    public long MaxAllocated { get; set; }

    public long MaxAllocatedIndex { get; set; }

    public long InputBytes { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Record(ModelFuzzInput input, FuzzOutcome outcome)
    {
        Inputs++;
        InputBytes += input.Bytes.Length;
        Families[input.Family] = Families.GetValueOrDefault(input.Family) + 1;
        if (outcome.Elapsed > MaxInputTime) (MaxInputTime, MaxInputTimeIndex) = (outcome.Elapsed, input.Index);
        if (outcome.Allocated > MaxAllocated) (MaxAllocated, MaxAllocatedIndex) = (outcome.Allocated, input.Index);
        switch (outcome.Verdict)
        {
            case FuzzVerdict.Loaded:
                Loaded++;
                break;
            case FuzzVerdict.Rejected:
                Rejected++;
                string stage = ModelFuzzOracle.Stage(outcome.Kind);
                Stages[stage] = Stages.GetValueOrDefault(stage) + 1;
                Messages[outcome.Kind] = Messages.TryGetValue(outcome.Kind, out var m) ? (m.Count + 1, m.Example) : (1, outcome.Example);
                break;
            default:
                BugCount++;
                BugKinds[outcome.Kind] = BugKinds.GetValueOrDefault(outcome.Kind) + 1;
                if (Bugs.Count < MaxFindings) Bugs.Add(new FuzzFinding(input, outcome.Kind, outcome.Example));
                break;
        }
    }

    /// <summary>Adds another run's counts (the console's shards).</summary>
    public void Add(FuzzStats other)
    {
        Inputs += other.Inputs;
        Loaded += other.Loaded;
        Rejected += other.Rejected;
        BugCount += other.BugCount;
        InputBytes += other.InputBytes;
        foreach (var (k, v) in other.Families) Families[k] = Families.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.Stages) Stages[k] = Stages.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.BugKinds) BugKinds[k] = BugKinds.GetValueOrDefault(k) + v;
        foreach (var (k, (count, example)) in other.Messages)
            Messages[k] = Messages.TryGetValue(k, out var m) ? (m.Count + count, m.Example) : (count, example);
        Bugs.AddRange(other.Bugs.Take(MaxFindings - Bugs.Count));
        Hung ??= other.Hung;
        if (other.MaxInputTime > MaxInputTime) (MaxInputTime, MaxInputTimeIndex) = (other.MaxInputTime, other.MaxInputTimeIndex);
        if (other.MaxAllocated > MaxAllocated) (MaxAllocated, MaxAllocatedIndex) = (other.MaxAllocated, other.MaxAllocatedIndex);
        if (other.Elapsed > Elapsed) Elapsed = other.Elapsed;
    }

    /// <summary>One line: counts, time and the worst input.</summary>
    public string Summary() =>
        $"{Inputs:N0} inputs: {Loaded:N0} loaded, {Rejected:N0} rejected ({Messages.Count:N0} message kinds), {BugCount:N0} bugs{(Hung is null ? "" : ", HUNG")}; " +
        $"{Elapsed.TotalSeconds:0.0} s ({Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9):N0}/s); slowest input {MaxInputTime.TotalMilliseconds:0.0} ms (#{MaxInputTimeIndex}); " +
        $"most allocated {MaxAllocated / 1048576.0:0.0} MiB (#{MaxAllocatedIndex}); {InputBytes / Math.Max(1, Inputs):N0} bytes per input on average";

    /// <summary>Inputs per family and rejections per stage.</summary>
    public string Breakdown() =>
        "families: " + string.Join(", ", Families.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}")) + "\n" +
        "rejected at: " + string.Join(", ", Stages.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:N0}"));

    /// <summary>Every message kind with its count, most frequent first.</summary>
    public string MessageTable(bool examples = false)
    {
        var sb = new StringBuilder();
        foreach (var (kind, (count, example)) in Messages.OrderByDescending(m => m.Value.Count).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {count,10:N0}  {kind}");
            if (examples) sb.AppendLine($"              e.g. {example}");
        }
        return sb.ToString();
    }
}

/// <summary>Runs inputs in order on a dedicated thread, with a watchdog for hangs.</summary>
internal static class ModelFuzzRunner
{
    /// <summary>
    /// Runs inputs <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>−1 under
    /// <paramref name="seed"/>. An input running longer than <paramref name="hangLimit"/> stops the run (its thread is
    /// abandoned) and is returned in <see cref="FuzzStats.Hung"/>. <paramref name="progress"/> is called about every
    /// <paramref name="progressEvery"/>.
    /// </summary>
    public static FuzzStats Run(long seed, long first, long count, TimeSpan hangLimit, Action<FuzzStats>? progress = null, TimeSpan? progressEvery = null)
    {
        var stats = new FuzzStats();
        string directory = Directory.CreateTempSubdirectory("hybridrec-model-fuzz-").FullName;
        long startedAt = 0;
        ModelFuzzInput? running = null;
        var clock = Stopwatch.StartNew();
        Exception? crash = null;
        var worker = new Thread(() =>
        {
            try
            {
                for (long i = first; i < first + count; i++)
                {
                    var input = ModelFuzzInput.Make(seed, i);
                    Volatile.Write(ref startedAt, clock.ElapsedTicks);
                    Volatile.Write(ref running, input);
                    var outcome = ModelFuzzOracle.Run(input, directory);
                    lock (stats) stats.Record(input, outcome);
                }
                Volatile.Write(ref running, null);
            }
            catch (Exception e)
            {
                crash = e;   // a bug of the fuzzer itself, not of the reader
            }
        }, 16 << 20) { IsBackground = true, Name = "model fuzz" };
        worker.Start();

        var next = progressEvery ?? TimeSpan.MaxValue;
        try
        {
            while (!worker.Join(200))
            {
                var input = Volatile.Read(ref running);
                var runningFor = TimeSpan.FromSeconds((clock.ElapsedTicks - Volatile.Read(ref startedAt)) / (double)Stopwatch.Frequency);
                if (input is not null && runningFor > hangLimit)
                {
                    lock (stats)
                    {
                        stats.Hung = input;
                        stats.Elapsed = clock.Elapsed;
                    }
                    return stats;
                }
                if (progress is not null && clock.Elapsed >= next)
                {
                    lock (stats)
                    {
                        stats.Elapsed = clock.Elapsed;
                        progress(stats);
                    }
                    next = clock.Elapsed + progressEvery!.Value;
                }
            }
        }
        finally
        {
            if (!worker.IsAlive) Directory.Delete(directory, recursive: true);
        }
        if (crash is not null) throw new InvalidOperationException($"the fuzzer failed at input {running?.Index}", crash);
        stats.Elapsed = clock.Elapsed;
        return stats;
    }
}
