using System.Diagnostics;
using System.Globalization;
using HybridRec.Model.Tests.Fuzzing;

// The long fuzz run of the model file reader: inputs --first … --first + --inputs − 1 (default 1,000,000) under --seed,
// split into --threads contiguous shards run side by side (each input depends only on seed and index, so a run is
// reproducible whatever the thread count). Prints the inputs tried, loaded and rejected, the rejections per reader
// stage and per kind of message, bugs (saved under --findings) and time.
// Exit code: 0 when every input loaded or raised the documented exception, 1 when a bug or hang was found, 2 for usage.

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine("usage: HybridRec.Model.Fuzz [--inputs N] [--first I] [--seed S] [--threads T] [--findings DIR] [--hang-seconds S] [--examples 1]");
        return 2;
    }
    options[args[i][2..]] = args[++i];
}
long Get(string name, long fallback) => options.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
long inputs = Get("inputs", 1_000_000);
long first = Get("first", 0);
long seed = Get("seed", 1);
int threads = (int)Math.Clamp(Get("threads", Environment.ProcessorCount), 1, Math.Max(1, inputs));
var hang = TimeSpan.FromSeconds(Get("hang-seconds", 60));
bool examples = Get("examples", 0) > 0;
string findings = options.TryGetValue("findings", out var f) ? f : Path.Combine(Path.GetTempPath(), "hybridrec-model-fuzz-findings");

Console.WriteLine($"fuzzing the model file reader: inputs {first:N0}…{first + inputs - 1:N0}, seed {seed}, {threads} threads, " +
                  $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}, " +
                  $"{ModelFuzzSeeds.All.Count} seed files ({string.Join(", ", ModelFuzzSeeds.All.Select(s => $"{s.Name} {s.File.Length:N0} B"))})");
var clock = Stopwatch.StartNew();
var shards = new FuzzStats[threads];
var gate = new object();
Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
{
    long from = first + inputs * k / threads, to = first + inputs * (k + 1) / threads;
    shards[k] = ModelFuzzRunner.Run(seed, from, to - from, hang, s => { lock (gate) Console.WriteLine($"  shard {k}: … {s.Summary()}"); }, TimeSpan.FromMinutes(1));
    lock (gate) Console.WriteLine($"shard {k} done: {shards[k].Summary()}");
});
var all = new FuzzStats();
foreach (var s in shards) all.Add(s);
all.Elapsed = clock.Elapsed;

Console.WriteLine();
Console.WriteLine($"all shards in {clock.Elapsed.TotalSeconds:0} s: {all.Summary()}");
Console.WriteLine(all.Breakdown());
int bad = 0;
foreach (var s in shards.Where(s => s.Hung is not null))
{
    bad++;
    Console.WriteLine($"  HANG: {s.Hung} ran past {hang.TotalSeconds} s; saved in {s.Hung!.Save(findings, "hang")}");
}
foreach (var (kind, count) in all.BugKinds.OrderByDescending(k => k.Value)) Console.WriteLine($"  {count,8:N0} bugs: {kind}");
foreach (var b in all.Bugs)
{
    bad++;
    Console.WriteLine($"  BUG {b.Input}: {b.Kind}: {b.Detail.Split('\n')[0]}");
    Console.WriteLine($"      saved in {b.Input.Save(findings, b.Kind + "\n" + b.Detail)}");
}
Console.WriteLine();
Console.WriteLine($"rejection kinds ({all.Messages.Count:N0}):");
Console.Write(all.MessageTable(examples));
return bad == 0 && all.BugCount == 0 ? 0 : 1;
