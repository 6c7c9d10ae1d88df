using FsCheck;
using FsCheck.Xunit;
using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class GridSamplerTests
{
    private static TrialResult Done(int number, TrialParameters p) =>
        new(number, p, 0.0, TimeSpan.Zero, new Dictionary<string, double>());

    private static List<TrialParameters> Enumerate(GridSampler grid)
    {
        var history = new List<TrialResult>();
        var points = new List<TrialParameters>();
        for (int i = 0; i < grid.Count; i++)
        {
            var p = grid.Suggest(history);
            points.Add(p);
            history.Add(Done(i, p));
        }
        Assert.Throws<InvalidOperationException>(() => grid.Suggest(history));
        return points;
    }

    [Fact]
    public void Enumerates_the_product_with_the_last_parameter_fastest()
    {
        var grid = new GridSampler(("embedding", [16, 32]), ("batch", [64, 128, 256]));
        Assert.Equal(6, grid.Count);
        var points = Enumerate(grid).Select(p => (p.GetInt("embedding"), p.GetInt("batch"))).ToList();
        Assert.Equal([(16, 64), (16, 128), (16, 256), (32, 64), (32, 128), (32, 256)], points);
    }

    [Fact]
    public void Grid_over_a_space_needs_choice_parameters()
    {
        Assert.Throws<ArgumentException>(() => new GridSampler(new SearchSpace(new IntParameter("a", 0, 3))));
        var grid = new GridSampler(new SearchSpace(new ChoiceParameter("a", 1, 2), new ChoiceParameter("b", 5)));
        Assert.Equal(2, grid.Count);
        Assert.Equal(new TrialParameters([new("a", 2), new("b", 5)]), grid.GetPoint(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.GetPoint(2));
    }

    [Property(MaxTest = 50)]
    public bool Every_point_of_the_product_appears_exactly_once(NonEmptyArray<PositiveInt> sizes)
    {
        int[] lengths = sizes.Get.Take(4).Select(s => (s.Get - 1) % 5 + 1).ToArray();
        var grid = new GridSampler(lengths.Select((n, i) => ($"p{i}", Enumerable.Range(0, n).Select(v => (double)v * 10 + i).ToArray())));
        var points = Enumerate(grid);
        int product = lengths.Aggregate(1, (a, b) => a * b);
        return grid.Count == product
            && points.Count == product
            && points.Distinct().Count() == product
            && points.All(grid.Space.Contains);
    }
}
