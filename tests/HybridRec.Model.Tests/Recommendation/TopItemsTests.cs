using FsCheck;
using FsCheck.Fluent;
using HybridRec.Model.Recommendation;
using HybridRec.Model.Tests.TestData;

namespace HybridRec.Model.Tests.Recommendation;

public sealed class TopItemsTests
{
    [Fact]
    public void SelectEqualsAStableSortWithoutTheExcludedItems()
    {
        // Scores from a small set, so ties are common; exclusions a random sorted subset.
        var gen = from n in Gen.Choose(0, 60)
                  from scores in Gen.ArrayOf(Gen.Elements(-1f, 0f, 0.25f, 0.5f, 1f), n)
                  from excludedMask in Gen.ArrayOf(Gen.Elements(false, false, false, true), n)
                  from count in Gen.Choose(0, n + 3)
                  select (scores, excludedMask, count);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var excluded = Enumerable.Range(0, c.scores.Length).Where(i => c.excludedMask[i]).ToArray();
            var expected = Enumerable.Range(0, c.scores.Length).Where(i => !c.excludedMask[i])
                .OrderByDescending(i => c.scores[i]).ThenBy(i => i).Take(c.count).ToArray();
            Assert.Equal(expected, TopItems.Select(c.scores, excluded, c.count, null));
            return true;
        }).Check(Properties.Deterministic(200));
    }

    [Fact]
    public void ANonPositiveCountSelectsNothing() =>
        Assert.Empty(TopItems.Select([1f, 2f], [], -1, null));
}
