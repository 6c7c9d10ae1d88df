using HybridRec.Bench.Charts;
using Xunit;

namespace HybridRec.Bench.Tests.Charts;

public sealed class LineChartTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-chart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Width and height from the IHDR chunk, which follows the signature.</summary>
    private static (int Width, int Height) AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"PNG of {bytes.Length} bytes looks empty");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        return (width, height);
    }

    [Fact]
    public void Renders_a_png_with_a_legend_for_several_series()
    {
        string path = Path.Combine(_dir, "loss.png");
        double[] epochs = [1, 2, 3, 4, 5, 6, 7, 8];
        LineChart.Save(path, "Training loss", "epoch", "MSE",
        [
            new ChartSeries("train", epochs, [0.09, 0.06, 0.05, 0.045, 0.042, 0.04, 0.039, 0.038]),
            new ChartSeries("test", epochs, [0.08, 0.065, 0.058, 0.055, 0.054, 0.054, 0.055, 0.056]),
        ]);
        Assert.Equal((800, 500), AssertPng(path));
        Assert.Equal([path], Directory.GetFiles(_dir)); // the temp file was renamed away
    }

    [Fact]
    public void Log_x_axis_renders_and_overwrites_an_existing_file()
    {
        string path = Path.Combine(_dir, "nested", "throughput.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "stale");
        double[] batch = [32, 64, 128, 256, 512, 1024, 2048, 4096];
        LineChart.Save(path, "Throughput", "batch size", "samples/s",
            [new ChartSeries("cpu", batch, [1e5, 1.8e5, 3e5, 4.2e5, 5e5, 5.4e5, 5.5e5, 5.5e5])],
            logX: true, width: 640, height: 400);
        Assert.Equal((640, 400), AssertPng(path));
        // the same data on a linear axis draw a different picture
        string linear = Path.Combine(_dir, "linear.png");
        LineChart.Save(linear, "Throughput", "batch size", "samples/s",
            [new ChartSeries("cpu", batch, [1e5, 1.8e5, 3e5, 4.2e5, 5e5, 5.4e5, 5.5e5, 5.5e5])], width: 640, height: 400);
        Assert.NotEqual(File.ReadAllBytes(linear), File.ReadAllBytes(path));
    }

    [Fact]
    public void Bad_series_throw_and_write_nothing()
    {
        string path = Path.Combine(_dir, "bad.png");
        Assert.Throws<ArgumentException>(() => LineChart.Save(path, "t", "x", "y", [new ChartSeries("s", [1, 2, 3], [1, 2])]));
        Assert.Throws<ArgumentException>(() => LineChart.Save(path, "t", "x", "y", []));
        Assert.Throws<ArgumentException>(() => LineChart.Save(path, "t", "x", "y", [new ChartSeries("s", [], [])]));
        Assert.Throws<ArgumentException>(() => LineChart.Save(path, "t", "x", "y", [new ChartSeries("s", [0, 1], [1, 2])], logX: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => LineChart.Save(path, "t", "x", "y", [new ChartSeries("s", [1], [1])], width: 0));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
