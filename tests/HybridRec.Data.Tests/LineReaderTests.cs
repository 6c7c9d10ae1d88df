using System.Text;
using HybridRec.Data.IO;
using HybridRec.Data.Readers;

namespace HybridRec.Data.Tests;

public class LineReaderTests
{
    private static List<(long Line, string Text)> ReadAll(byte[] bytes, int bufferSize = 4)
    {
        using var r = new LineReader(new MemoryStream(bytes), bufferSize: bufferSize);
        var result = new List<(long, string)>();
        while (r.TryReadLine(out var line)) result.Add((r.LineNumber, Encoding.UTF8.GetString(line)));
        return result;
    }

    [Theory]
    [InlineData("a\nbb\n\nccc", new[] { "a", "bb", "", "ccc" })]
    [InlineData("a\r\nbb\r\n\r\nccc\r\n", new[] { "a", "bb", "", "ccc" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    [InlineData("only", new[] { "only" })]
    public void Splits_lf_and_crlf_with_or_without_a_final_newline(string text, string[] expected)
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, lines.Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i), lines.Select(l => l.Line));
    }

    [Fact]
    public void Skips_a_utf8_bom_and_grows_for_long_lines()
    {
        string longLine = new('x', 1000);
        var lines = ReadAll([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"é\n{longLine}\n")]);
        Assert.Equal(["é", longLine], lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a\n", 1)]
    [InlineData("a\nb", 2)]
    [InlineData("a\r\nb\r\n\r\n", 3)]
    public void Counts_lines(string text, long expected)
    {
        Assert.Equal(expected, LineReader.CountLines(new MemoryStream(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("1::Toy Story (1995)::Comedy", 3, "1|Toy Story (1995)|Comedy")]
    [InlineData("1::A: B::Comedy", 3, "1|A: B|Comedy")]
    [InlineData("1::::Comedy", 3, "1||Comedy")]
    [InlineData("1::A", 2, "")]
    [InlineData("1::A::B::C", 4, "")]
    public void Double_colon_splits_on_the_two_character_separator(string line, int count, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Span<Range> f = stackalloc Range[3];
        int n = DoubleColon.SplitAround(bytes, f, 1);
        Assert.Equal(count, n);
        if (n == 3)
        {
            var parts = new[] { f[0], f[1], f[2] }.Select(r => Encoding.UTF8.GetString(bytes.AsSpan()[r]));
            Assert.Equal(expected, string.Join("|", parts));
        }
    }

    [Fact]
    public void Zip_top_folder_is_detected_only_when_shared()
    {
        Assert.Equal("ml/", ZipSource.CommonTopFolder(["ml/a.csv", "ml/b.csv"]));
        Assert.Equal("", ZipSource.CommonTopFolder(["ml/a.csv", "other/b.csv"]));
        Assert.Equal("", ZipSource.CommonTopFolder(["a.csv", "ml/b.csv"]));
        Assert.Equal("", ZipSource.CommonTopFolder([]));
    }
}
