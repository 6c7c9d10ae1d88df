using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HybridRec.Bench.Charts;
using HybridRec.Bench.Cli;
using System.CommandLine;
using HybridRec.Bench.Commands;
using HybridRec.Bench.Configuration;
using HybridRec.Data;
using HybridRec.Kernels;
using HybridRec.Model;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;
using Perfolizer.Horology;

namespace HybridRec.Bench.Throughput;

/// <summary>
/// BenchmarkDotNet measurements of one training step per batch size, backend and Adam variant (and, with
/// <c>--kernels</c>, of each kernel), with a samples/s column, Markdown and CSV exports, a chart and the roofline bound.
/// </summary>
internal sealed class ThroughputCommand(SharedOptions shared)
{
    private readonly Option<bool> _quick = CliOption.Flag("--quick", "a short run (cpu; batch 64, 1024, 4096; lazy Adam): about a minute");
    private readonly Option<string[]?> _backends = CliOption.WordList("--backends", "backends to time (default: cpu, plus cuda when present)", "cpu", "cuda", "ilgpu-cpu", "opencl");
    private readonly Option<int[]?> _batchSizes = CliOption.PositiveIntList("--batch-sizes", "batch sizes (default 64 … 1048576 in powers of 4, up to the training set size)");
    private readonly Option<string[]?> _adam = CliOption.WordList("--adam", "Adam variants to time (default: lazy,dense; --quick: lazy)", "lazy", "dense");
    private readonly Option<bool> _kernels = CliOption.Flag("--kernels", "also time each kernel on the ILGPU backends");
    private readonly Option<string?> _out = CliOption.Text("--out", "results folder (default runs/throughput)", "DIR");

    public Command Create()
    {
        var command = new Command("throughput", "BenchmarkDotNet: one training step per batch size, backend and Adam variant (Release builds only), samples/s, roofline bound, Markdown/CSV and a chart");
        shared.Data.AddMovieLensTo(command);
        shared.Configuration.AddPresetTo(command);
        foreach (var o in new Option[] { _quick, _backends, _batchSizes, _adam, _kernels, shared.Run.Threads, _out }) command.Add(o);
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult r)
    {
        var output = r.InvocationConfiguration.Output;
        bool quick = r.GetValue(_quick);
        string outDir = Path.GetFullPath(r.GetValue(_out) ?? Path.Combine("runs", "throughput"));
        OutputPaths.CheckDirectory("--out", outDir);
        var config = shared.Configuration.Resolve(r, "seed");
        var (data, _) = shared.Data.Load(r, config.MinTagCount, output);
        var split = shared.Data.SplitOf(r, data, TrainingOptions.DefaultSeed);
        var samples = TrainingSamples.FromRatings(split.Train, data.Scale);

        var backends = r.GetList(_backends) ?? (quick ? ["cpu"] : ComputeDevice.IsCudaAvailable ? ["cpu", "cuda"] : ["cpu"]);
        var adams = r.GetList(_adam) ?? (quick ? ["lazy"] : ["lazy", "dense"]);
        int[] sizes = r.GetList(_batchSizes) ?? (quick ? [64, 1024, 4096] : [64, 256, 1024, 4096, 16384, 65536, 262144, 1048576]);

        var cases = new List<StepCase>();
        foreach (var backend in backends)
            foreach (var adam in adams)
                foreach (int size in sizes)
                {
                    if (size > samples.Count) { output.WriteLine($"skip {backend}/{size}: the training set has only {samples.Count:N0} samples"); continue; }
                    if (backend == "ilgpu-cpu" && size > 1024) { output.WriteLine($"skip ilgpu-cpu/{size}: the ILGPU CPU accelerator is a simulator; it runs at small sizes only"); continue; }
                    cases.Add(new StepCase(backend, size, adam));
                }
        if (cases.Count == 0) throw new UsageException("no benchmark case fits the data and options (every batch size is larger than the training set, or too large for ilgpu-cpu).");

        ThroughputContext.Data = data;
        ThroughputContext.Samples = samples;
        ThroughputContext.Config = config;
        ThroughputContext.Cases = cases;
        ThroughputContext.Threads = r.GetValue(shared.Run.Threads) ?? 0;
        ThroughputContext.Log = output;
        output.WriteLine($"throughput: {cases.Count} cases on {data.Name} ({samples.Count:N0} training samples), model E={config.Model.EmbeddingSize}, biases {(config.Model.UseBiases ? "on" : "off")}; results in {outDir}");

        var bdn = CreateConfig(quick, outDir)
            .AddColumn(new StepCaseColumn("Backend", c => c.Backend, 0), new StepCaseColumn("Batch", c => c.BatchSize.ToString(CultureInfo.InvariantCulture), 1), new StepCaseColumn("Adam", c => c.Adam, 2))
            .HideColumns("Case");
        var summary = BenchmarkRunner.Run<TrainStepBenchmark>(bdn);
        var rows = Rows(summary);
        if (rows.Count == 0) throw new CommandFailedException($"no benchmark produced a result; see the BenchmarkDotNet log in {outDir}.");

        string device = DescribeDevices(backends);
        WriteResults(outDir, rows, data, samples, config, device, output);

        if (r.GetValue(_kernels))
        {
            KernelBenchmark.Configure(sizes.Where(s => s <= samples.Count).ToArray(), backends.Where(b => b != "cpu").ToArray());
            if (ThroughputContext.KernelBackends.Count == 0) output.WriteLine("--kernels: no ILGPU backend selected (add cuda or ilgpu-cpu to --backends).");
            else
            {
                try { BenchmarkRunner.Run<KernelBenchmark>(CreateConfig(quick, Path.Combine(outDir, "kernels")).WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(32))); }
                finally { KernelBenchmark.Release(); }
            }
        }
        return ExitCodes.Success;
    }

    private static ManualConfig CreateConfig(bool quick, string outDir)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = quick
            ? job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(200))
            : job.WithWarmupCount(2).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(250));
        return ManualConfig.CreateEmpty()
            .AddJob(job.WithId(quick ? "quick" : "throughput"))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(new SamplesPerSecondColumn())
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(outDir)
            .WithOptions(ConfigOptions.JoinSummary);
    }

    internal sealed record Row(StepCase Case, double MeanNs, double StdDevNs, double SamplesPerSecond);

    private static List<Row> Rows(Summary summary)
    {
        var rows = new List<Row>();
        foreach (var report in summary.Reports)
        {
            var c = report.BenchmarkCase.Parameters.Items.Select(p => p.Value).OfType<StepCase>().FirstOrDefault();
            var stats = report.ResultStatistics;
            if (c is null || stats is null) continue;
            rows.Add(new Row(c, stats.Mean, stats.StandardDeviation, c.BatchSize / (stats.Mean * 1e-9)));
        }
        return rows;
    }

    private static string DescribeDevices(IEnumerable<string> backends)
    {
        var parts = new List<string> { $"CPU: {Environment.ProcessorCount} logical processors, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}" };
        foreach (var b in backends.Where(b => b != "cpu"))
        {
            try
            {
                using var d = ComputeDevice.Create(HybridRec.Model.Backends.BackendKinds.Parse(b) switch
                {
                    HybridRec.Model.Backends.BackendKind.Cuda => DeviceKind.Cuda,
                    HybridRec.Model.Backends.BackendKind.OpenCL => DeviceKind.OpenCL,
                    _ => DeviceKind.IlgpuCpu,
                });
                parts.Add($"{b}: {d.Info.Name} ({d.Info.Architecture}, driver {d.Info.DriverVersion}, {d.Info.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB)");
            }
            catch (Exception e) when (e is DeviceUnavailableException or InvalidOperationException) { parts.Add($"{b}: {e.Message}"); }
        }
        return string.Join("; ", parts);
    }

    private static void WriteResults(string outDir, List<Row> rows, RatingDataset data, TrainingSamples samples, HybridConfiguration config, string device, TextWriter output)
    {
        Directory.CreateDirectory(outDir);
        var sb = new StringBuilder();
        sb.AppendLine($"Training-step throughput on {data.Name} ({samples.Count:N0} training samples), model E={config.Model.EmbeddingSize} (neural width {config.Model.ResolvedNeuralWidth}), biases {(config.Model.UseBiases ? "on" : "off")}.");
        sb.AppendLine($"Machine: {device}.");
        sb.AppendLine();
        sb.AppendLine("| backend | Adam | batch | step (mean) | ± sd | samples/s | roofline bound | of bound |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        string? gpuName = null;
        try { if (rows.Any(r => r.Case.Backend == "cuda")) { using var d = ComputeDevice.Create(DeviceKind.Cuda); gpuName = d.Info.Name; } }
        catch (Exception e) when (e is DeviceUnavailableException or InvalidOperationException) { }
        foreach (var r in rows.OrderBy(r => r.Case.Backend).ThenBy(r => r.Case.Adam).ThenBy(r => r.Case.BatchSize))
        {
            string bound = "", fraction = "";
            if (r.Case.Backend == "cuda" && gpuName is not null && CostModel.Ceilings(gpuName) is { } ceil)
            {
                var cost = Cost(data, samples, r.Case);
                var roof = cost.Roofline(ceil.BytesPerSecond, ceil.FlopsPerSecond);
                bound = roof.Bound.ToString("N0", CultureInfo.InvariantCulture);
                fraction = (r.SamplesPerSecond / roof.Bound).ToString("P1", CultureInfo.InvariantCulture);
            }
            sb.AppendLine(FormattableString.Invariant($"| {r.Case.Backend} | {r.Case.Adam} | {r.Case.BatchSize:N0} | {Time(r.MeanNs)} | {Time(r.StdDevNs)} | {r.SamplesPerSecond:N0} | {bound} | {fraction} |"));
        }
        if (gpuName is not null && CostModel.Ceilings(gpuName) is { } c2)
        {
            var big = rows.Where(r => r.Case.Backend == "cuda").MaxBy(r => r.Case.BatchSize)!;
            var cost = Cost(data, samples, big.Case);
            var roof = cost.Roofline(c2.BytesPerSecond, c2.FlopsPerSecond);
            var impl = cost.Roofline(c2.BytesPerSecond, c2.FlopsPerSecond, essential: false);
            sb.AppendLine();
            sb.AppendLine(FormattableString.Invariant($"Cost per sample at batch {big.Case.BatchSize:N0} ({big.Case.Adam} Adam): {cost.FlopsPerSample:N0} FLOPs, {cost.EssentialBytesPerSample:N0} essential bytes, ~{cost.ImplementedBytesPerSample:N0} bytes as implemented."));
            sb.AppendLine(FormattableString.Invariant($"Roofline on {gpuName} ({c2.Source}): {roof.ByBandwidth:N0} samples/s by bandwidth, {roof.ByCompute:N0} by arithmetic → bound {roof.Bound:N0} samples/s ({impl.Bound:N0} with the implementation's intermediates); reached {big.SamplesPerSecond / roof.Bound:P1}."));
        }
        string table = sb.ToString();
        AtomicFile.WriteAllText(Path.Combine(outDir, "throughput.md"), table);
        output.WriteLine();
        output.Write(table);

        var series = rows.GroupBy(r => $"{r.Case.Backend}, {r.Case.Adam} Adam")
            .Select(g => new ChartSeries(g.Key, g.OrderBy(r => r.Case.BatchSize).Select(r => (double)r.Case.BatchSize).ToArray(), g.OrderBy(r => r.Case.BatchSize).Select(r => r.SamplesPerSecond).ToArray()))
            .ToList();
        LineChart.Save(Path.Combine(outDir, "throughput.png"), "Training throughput per batch size", "batch size", "samples/s", series, logX: true);
        output.WriteLine($"wrote {Path.Combine(outDir, "throughput.md")}, throughput.png and BenchmarkDotNet's results/ (Markdown, CSV)");
    }

    private static CostModel Cost(RatingDataset data, TrainingSamples samples, StepCase c)
    {
        var setup = TrainStepBenchmark.CreateSetup(data, c.Adam, samples);
        var plan = TrainStepBenchmark.CreatePlan(setup, samples, c.BatchSize);
        // Mean active features per sample of each tower (over the sample's item or user).
        var perSample = setup.Layout.Towers.Select(t =>
        {
            var features = setup.FeaturesOf(t);
            var rows = t.Entity == FeatureEntity.Item ? samples.Items : samples.Users;
            return rows.Sum(r => (double)features.Row(r).Length) / samples.Count;
        }).ToArray();
        return CostModel.For(setup.Layout, plan, ConfigurationText.ParseAdam(c.Adam), perSample);
    }

    private static string Time(double ns) => ns switch
    {
        < 1e3 => FormattableString.Invariant($"{ns:0.0} ns"),
        < 1e6 => FormattableString.Invariant($"{ns / 1e3:0.0} µs"),
        < 1e9 => FormattableString.Invariant($"{ns / 1e6:0.00} ms"),
        _ => FormattableString.Invariant($"{ns / 1e9:0.00} s"),
    };
}
