using System.Globalization;
using System.Text;
using System.Text.Json;

using HybridRec.Model.Serialization;

namespace HybridRec.Model.Tuning;

/// <summary>
/// Saves a <see cref="TuningResult"/> as CSV or JSON, one row/object per trial. Files are written atomically
/// (a temporary file in the same directory, then renamed over the target), so a reader never sees half a file.
/// </summary>
public static class TuningResultWriter
{
    /// <summary>
    /// Writes one row per trial under the header <c>number, &lt;each parameter&gt;, score, duration_s, &lt;each
    /// metric&gt;, best</c>. Parameters and metrics appear in the order first seen across the trials; a metric whose
    /// name collides with an earlier column is written as <c>metric_&lt;name&gt;</c>. Numbers use the invariant culture
    /// with round-trip precision; a failed score is written as <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>; a
    /// metric a trial did not report is left empty; <c>best</c> is <c>true</c> on the best trial only. Fields are
    /// quoted as RFC 4180 requires. Lines end with <c>\n</c>.
    /// </summary>
    public static void WriteCsv(string path, TuningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (parameters, metrics, metricColumns) = Columns(result);
        var sb = new StringBuilder();
        var header = new List<string> { "number" };
        header.AddRange(parameters);
        header.Add("score");
        header.Add("duration_s");
        header.AddRange(metricColumns);
        header.Add("best");
        AppendRow(sb, header);
        var best = result.AnySucceeded ? result.Best : null;
        foreach (var t in result.Trials)
        {
            var row = new List<string> { t.Number.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(parameters.Select(p => t.Parameters.TryGetValue(p, out double v) ? Format(v) : ""));
            row.Add(Format(t.Score));
            row.Add(Format(t.Duration.TotalSeconds));
            row.AddRange(metrics.Select(m => t.Metrics.TryGetValue(m, out double v) ? Format(v) : ""));
            row.Add(ReferenceEquals(t, best) ? "true" : "false");
            AppendRow(sb, row);
        }
        AtomicFile.Write(path, s =>
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(sb.ToString());
            s.Write(bytes);
        });
    }

    /// <summary>
    /// Writes <c>{"trials": [{"number", "parameters": {…}, "score", "failed", "duration_s", "metrics": {…},
    /// "best"}, …], "best_number", "best_score"}</c>. JSON has no NaN or infinity: a non-finite score or metric is
    /// written as <c>null</c> (and the trial has <c>"failed": true</c>); <c>best_number</c> and <c>best_score</c>
    /// are <c>null</c> when every trial failed.
    /// </summary>
    public static void WriteJson(string path, TuningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.AnySucceeded ? result.Best : null;
        AtomicFile.Write(path, s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteStartArray("trials");
            foreach (var t in result.Trials)
            {
                w.WriteStartObject();
                w.WriteNumber("number", t.Number);
                w.WriteStartObject("parameters");
                foreach (var (name, value) in t.Parameters) WriteNumberOrNull(w, name, value);
                w.WriteEndObject();
                WriteNumberOrNull(w, "score", t.Score);
                w.WriteBoolean("failed", !t.Succeeded);
                w.WriteNumber("duration_s", t.Duration.TotalSeconds);
                w.WriteStartObject("metrics");
                foreach (var (name, value) in t.Metrics) WriteNumberOrNull(w, name, value);
                w.WriteEndObject();
                w.WriteBoolean("best", ReferenceEquals(t, best));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (best is null)
            {
                w.WriteNull("best_number");
                w.WriteNull("best_score");
            }
            else
            {
                w.WriteNumber("best_number", best.Number);
                w.WriteNumber("best_score", best.Score);
            }
            w.WriteEndObject();
        });
    }

    private static (List<string> Parameters, List<string> Metrics, List<string> MetricColumns) Columns(TuningResult result)
    {
        var parameters = new List<string>();
        var metrics = new List<string>();
        var seenParameters = new HashSet<string>(StringComparer.Ordinal);
        var seenMetrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in result.Trials)
        {
            foreach (var name in t.Parameters.Keys) if (seenParameters.Add(name)) parameters.Add(name);
            foreach (var name in t.Metrics.Keys) if (seenMetrics.Add(name)) metrics.Add(name);
        }
        var taken = new HashSet<string>(parameters, StringComparer.Ordinal) { "number", "score", "duration_s", "best" };
        var metricColumns = new List<string>();
        foreach (var m in metrics)
        {
            string column = m;
            while (!taken.Add(column)) column = "metric_" + column;
            metricColumns.Add(column);
        }
        return (parameters, metrics, metricColumns);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            string f = fields[i];
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
            else sb.Append(f);
        }
        sb.Append('\n');
    }
}
