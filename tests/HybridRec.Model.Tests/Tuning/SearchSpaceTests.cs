using HybridRec.Model.Tuning;
using Xunit;

namespace HybridRec.Model.Tests.Tuning;

public class SearchSpaceTests
{
    [Fact]
    public void Parameters_validate_their_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntParameter("a", 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntParameter("a", 6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntParameter("a", 0, 5, log: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatParameter("a", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatParameter("a", -1, 1, log: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatParameter("a", double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatParameter("a", 0, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => new ChoiceParameter("a"));
        Assert.Throws<ArgumentException>(() => new ChoiceParameter("a", 1, 2, 1));
        Assert.Throws<ArgumentException>(() => new ChoiceParameter("a", 1, double.NaN));
        Assert.Throws<ArgumentException>(() => new FloatParameter(" ", 0, 1));
        Assert.Throws<ArgumentException>(() => new FloatParameter("a ", 0, 1));
    }

    [Fact]
    public void Contains_checks_bounds_integrality_and_membership()
    {
        var i = new IntParameter("epochs", 1, 10);
        Assert.True(i.Contains(1) && i.Contains(10));
        Assert.False(i.Contains(0) || i.Contains(11) || i.Contains(2.5) || i.Contains(double.NaN));
        var f = new FloatParameter("lr", 1e-4, 1e-1, log: true);
        Assert.True(f.Contains(1e-4) && f.Contains(0.05) && f.Contains(0.1));
        Assert.False(f.Contains(0.2) || f.Contains(double.NaN));
        var c = new ChoiceParameter("batch", 64, 128, 256);
        Assert.True(c.Contains(128));
        Assert.False(c.Contains(100));
        Assert.Equal(2, c.IndexOf(256));
    }

    [Fact]
    public void Space_rejects_duplicate_names_and_emptiness()
    {
        Assert.Throws<ArgumentException>(() => new SearchSpace(new IntParameter("a", 0, 1), new FloatParameter("a", 0, 1)));
        Assert.Throws<ArgumentException>(() => new SearchSpace());
        var space = new SearchSpace(new IntParameter("a", 0, 1), new FloatParameter("b", 0, 1));
        Assert.Equal(2, space.Count);
        Assert.Equal("b", space[1].Name);
        Assert.IsType<FloatParameter>(space["b"]);
        Assert.Throws<KeyNotFoundException>(() => space["c"]);
        Assert.True(space.Contains(new TrialParameters([new("a", 1), new("b", 0.5)])));
        Assert.False(space.Contains(new TrialParameters([new("a", 1)])));
        Assert.False(space.Contains(new TrialParameters([new("a", 0.5), new("b", 0.5)])));
    }

    [Fact]
    public void Trial_parameters_get_values_and_compare_by_content()
    {
        var p = new TrialParameters([new("embedding", 32), new("lr", 0.001)]);
        Assert.Equal(32, p.GetInt("embedding"));
        Assert.Equal(0.001, p.Get("lr"));
        Assert.Equal(0.001, p["lr"]);
        Assert.Equal(["embedding", "lr"], p.Keys);
        Assert.Throws<InvalidOperationException>(() => p.GetInt("lr"));
        Assert.Throws<KeyNotFoundException>(() => p.Get("epochs"));
        Assert.Throws<ArgumentException>(() => new TrialParameters([new("a", 1), new("a", 2)]));
        Assert.Throws<ArgumentException>(() => new TrialParameters([new("a", double.NaN)]));
        Assert.Equal(p, new TrialParameters([new("embedding", 32), new("lr", 0.001)]));
        Assert.Equal(p.GetHashCode(), new TrialParameters([new("embedding", 32), new("lr", 0.001)]).GetHashCode());
        Assert.NotEqual(p, new TrialParameters([new("lr", 0.001), new("embedding", 32)]));
        Assert.Equal("embedding=32, lr=0.001", p.ToString());
    }
}
