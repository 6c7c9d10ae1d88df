using ScottPlot;

namespace HybridRec.Bench.Charts;

/// <summary>
/// Saves simple line charts (for example loss per epoch, or throughput against batch size) as PNG files with
/// ScottPlot, headless: rendering is done in memory by SkiaSharp's self-contained Linux build, which needs neither
/// a display nor fontconfig. On a machine without fonts in <c>/usr/share/fonts</c>, set <c>HYBRIDREC_CHART_FONT</c>
/// to a .ttf file (other font directories and matplotlib's bundled DejaVu fonts are searched too); with no font
/// anywhere the chart is drawn without text.
/// </summary>
public static class LineChart
{
    /// <summary>
    /// Renders <paramref name="series"/> as lines with markers and writes the PNG atomically (a temporary file in the
    /// same directory, then renamed over <paramref name="path"/>). A legend is shown, to the right of the data area,
    /// when there is more than one series. With <paramref name="logX"/> the x axis is logarithmic (base 10, decade ticks labelled with the
    /// original values, minor ticks between), and every x value must be positive.
    /// </summary>
    /// <param name="path">Target PNG file; its directory is created if needed.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">X axis label.</param>
    /// <param name="yLabel">Y axis label.</param>
    /// <param name="series">At least one series; each with equal-length, non-empty X and Y.</param>
    /// <param name="logX">Use a log10 x axis.</param>
    /// <param name="width">Image width in pixels, at least 1.</param>
    /// <param name="height">Image height in pixels, at least 1.</param>
    /// <exception cref="ArgumentException">No series, a series with mismatched or empty coordinates, or a non-positive x on a log axis.</exception>
    public static void Save(
        string path, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        bool logX = false, int width = 800, int height = 500)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Validate(series, logX);

        byte[] png = Render(title ?? "", xLabel ?? "", yLabel ?? "", series, logX, width, height);
        WriteAtomically(path, png);
    }

    private static void Validate(IReadOnlyList<ChartSeries> series, bool logX)
    {
        if (series.Count == 0) throw new ArgumentException("A chart needs at least one series.", nameof(series));
        for (int s = 0; s < series.Count; s++)
        {
            var line = series[s] ?? throw new ArgumentException($"Series {s} is null.", nameof(series));
            if (line.X is null || line.Y is null)
                throw new ArgumentException($"Series '{line.Name}' has null coordinates.", nameof(series));
            if (line.X.Length != line.Y.Length)
                throw new ArgumentException($"Series '{line.Name}' has {line.X.Length} x values but {line.Y.Length} y values.", nameof(series));
            if (line.X.Length == 0)
                throw new ArgumentException($"Series '{line.Name}' has no points.", nameof(series));
            if (logX)
            {
                int bad = Array.FindIndex(line.X, x => !(x > 0));
                if (bad >= 0)
                    throw new ArgumentException($"Series '{line.Name}': x[{bad}] = {line.X[bad]} cannot be shown on a log axis.", nameof(series));
            }
        }
    }

    private static byte[] Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX, int width, int height)
    {
        using var plot = new Plot();
        foreach (var line in series)
        {
            double[] xs = logX ? line.X.Select(Math.Log10).ToArray() : line.X;
            var scatter = plot.Add.Scatter(xs, line.Y);
            scatter.LegendText = line.Name ?? "";
            scatter.LineWidth = 2;
            scatter.MarkerSize = 5;
        }
        if (logX)
        {
            // Data are plotted as log10(x); ticks sit on whole decades and are labelled with 10^tick.
            var ticks = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = tick => FormatDecade(Math.Pow(10, tick)),
            };
            plot.Axes.Bottom.TickGenerator = ticks;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (ChartFonts.FamilyName is { } family) plot.Font.Set(family);
        if (series.Count > 1) plot.ShowLegend(Edge.Right); // outside the data area, never over a line
        else plot.HideLegend();
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static string FormatDecade(double value) =>
        value >= 1e-3 && value < 1e6
            ? value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0E0", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteAtomically(string path, byte[] bytes) => HybridRec.Model.Serialization.AtomicFile.Write(path, s => s.Write(bytes));
}
