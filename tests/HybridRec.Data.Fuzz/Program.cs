using System.Diagnostics;
using System.Globalization;
using HybridRec.Data.Tests.Fuzzing;

// The long fuzz run of the dataset readers: N inputs per target (default 1,000,000), targets run side by side on
// --threads threads, each target's inputs in order (so a run is reproducible from its seed). Prints per target the
// inputs tried, loaded and rejected, the kinds of rejection message, bugs (saved under --findings) and time.
// Exit code: 0 when every input loaded or raised the documented exception, 1 when a bug or hang was found, 2 for usage.

var args_ = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine("usage: HybridRec.Data.Fuzz [--inputs N] [--first I] [--seed S] [--targets a,b,...] [--threads T] [--findings DIR] [--hang-seconds S] [--examples 1]");
        Console.Error.WriteLine($"targets: {string.Join(", ", FuzzTarget.All.Select(t => t.Name))}");
        return 2;
    }
    args_[args[i][2..]] = args[++i];
}
long Get(string name, long fallback) => args_.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
long inputs = Get("inputs", 1_000_000);
long first = Get("first", 0);
long seed = Get("seed", 1);
int threads = (int)Get("threads", Math.Max(1, Environment.ProcessorCount));
var hang = TimeSpan.FromSeconds(Get("hang-seconds", 60));
bool examples = Get("examples", 0) > 0;
string findings = args_.TryGetValue("findings", out var f) ? f : Path.Combine(Path.GetTempPath(), "hybridrec-fuzz-findings");
var targets = args_.TryGetValue("targets", out var t) ? t.Split(',').Select(FuzzTarget.Named).ToList() : FuzzTarget.All.ToList();

Console.WriteLine($"fuzzing {string.Join(", ", targets.Select(x => x.Name))}: inputs {first:N0}…{first + inputs - 1:N0} each, seed {seed}, {threads} threads, " +
                  $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");
var clock = Stopwatch.StartNew();
var results = new FuzzStats[targets.Count];
var gate = new object();
Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
{
    results[k] = FuzzRunner.Run(targets[k], seed, first, inputs, hang,
        s => { lock (gate) Console.WriteLine($"  … {s.Summary()}"); }, TimeSpan.FromMinutes(1));
    lock (gate) Console.WriteLine($"done {results[k].Summary()}");
});

Console.WriteLine();
Console.WriteLine($"all targets in {clock.Elapsed.TotalSeconds:0} s:");
int bad = 0;
var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
foreach (var s in results)
{
    Console.WriteLine(s.Summary());
    foreach (var (kind, (count, _)) in s.Messages) kinds[kind] = kinds.GetValueOrDefault(kind) + count;
    if (s.Hung is not null)
    {
        bad++;
        Console.WriteLine($"  HANG: input #{s.Hung.Index} ran past {hang.TotalSeconds} s; saved in {s.Hung.Save(findings, "hang")}");
    }
    foreach (var (kind, count) in s.BugKinds.OrderByDescending(k => k.Value)) Console.WriteLine($"  {count,8:N0} bugs: {kind}");
    foreach (var b in s.Bugs)
    {
        bad++;
        Console.WriteLine($"  BUG #{b.Input.Index} {b.Kind}: {b.Detail.Split('\n')[0]}");
        Console.WriteLine($"      {b.Input.Description}; saved in {b.Input.Save(findings, b.Kind + "\n" + b.Detail)}");
    }
}
Console.WriteLine();
Console.WriteLine($"{results.Sum(s => s.Inputs):N0} inputs: {results.Sum(s => s.Loaded):N0} loaded, {results.Sum(s => s.Rejected):N0} rejected " +
                  $"with {kinds.Count:N0} distinct message kinds, {results.Sum(s => s.BugCount):N0} bugs, {results.Count(s => s.Hung is not null)} hangs.");
foreach (var s in results)
{
    Console.WriteLine($"{s.Target.Name}: rejection kinds");
    Console.Write(s.MessageTable(examples ? 1 : 0));
}
return bad == 0 ? 0 : 1;
