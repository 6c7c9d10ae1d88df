using HybridRec.Bench.Charts;
using Xunit;

namespace HybridRec.Bench.Tests.Charts;

public sealed class ChartFontsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-fonts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Touch(params string[] parts)
    {
        string path = Path.Combine([_dir, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0]);
        return path;
    }

    [Fact]
    public void An_explicit_font_file_wins()
    {
        string explicitFile = Touch("mine.ttf");
        Touch("dirs", "DejaVuSans.ttf");
        Assert.Equal(explicitFile, ChartFonts.FindFontFile(explicitFile, [Path.Combine(_dir, "dirs")]));
    }

    [Fact]
    public void Prefers_dejavu_sans_then_a_regular_sans_face_then_any_ttf()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b"), c = Path.Combine(_dir, "c");
        Touch("a", "truetype", "LiberationSans-Bold.ttf");
        string liberation = Touch("a", "truetype", "LiberationSans.ttf");
        string dejavu = Touch("a", "dejavu", "DejaVuSans.ttf");
        Touch("b", "Zilla.ttf");
        string firstByName = Touch("b", "NotoSansMono.ttf"); // no regular sans face here: the first .ttf by name
        Touch("c", "readme.txt");
        Assert.Equal(dejavu, ChartFonts.FindFontFile(null, [Path.Combine(_dir, "missing"), c, a]));
        File.Delete(dejavu);
        Assert.Equal(liberation, ChartFonts.FindFontFile("/no/such/font.ttf", [a, b]));
        Assert.Equal(firstByName, ChartFonts.FindFontFile(null, [c, b]));
        Assert.Null(ChartFonts.FindFontFile(null, [c]));
    }
}
