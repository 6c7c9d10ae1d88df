using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HybridRec.Bench.Throughput;

/// <summary>Training samples per second: the case's batch size over the mean time of one step.</summary>
internal sealed class SamplesPerSecondColumn : IColumn
{
    public string Id => nameof(SamplesPerSecondColumn);
    public string ColumnName => "Samples/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Training samples processed per second (batch size / mean step time)";

    public static int? BatchSizeOf(BenchmarkCase c) => c.Parameters.Items.Select(p => p.Value switch
    {
        StepCase s => (int?)s.BatchSize,
        int b when p.Name == "BatchSize" => b,
        _ => null,
    }).FirstOrDefault(v => v is not null);

    public static double? Compute(Summary summary, BenchmarkCase c)
    {
        var stats = summary[c]?.ResultStatistics;
        int? batch = BatchSizeOf(c);
        if (stats is null || batch is null || stats.Mean <= 0) return null;
        return batch.Value / (stats.Mean * 1e-9);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        Compute(summary, benchmarkCase) is double v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Shows one field of the <see cref="StepCase"/> parameter as its own column.</summary>
internal sealed class StepCaseColumn(string name, Func<StepCase, string> field, int priority) : IColumn
{
    public string Id => "StepCase." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Params;
    public int PriorityInCategory => priority;
    public bool IsNumeric => name == "Batch";
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{name} of the training step";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<StepCase>().Select(field).FirstOrDefault() ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
