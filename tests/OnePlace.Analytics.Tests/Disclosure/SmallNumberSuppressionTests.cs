using OnePlace.Analytics.Disclosure;

namespace OnePlace.Analytics.Tests.Disclosure;

/// <summary>Counts 1–7 are withheld, and a breakdown whose total is shown never has exactly one withheld count.</summary>
public sealed class SmallNumberSuppressionTests
{
    [Theory]
    [InlineData(new long[] { 3, 50, 60 }, new[] { true, true, false })]
    [InlineData(new long[] { 3, 5, 100 }, new[] { true, true, false })]
    [InlineData(new long[] { 0, 10, 20 }, new[] { false, false, false })]
    [InlineData(new long[] { 3, 0, 100 }, new[] { true, false, true })]
    [InlineData(new long[] { 8, 7, 9 }, new[] { true, true, false })]
    [InlineData(new long[] { 4, 0, 0 }, new[] { true, true, false })]
    public void Small_counts_are_withheld_and_a_lone_one_takes_the_smallest_other_count_with_it(long[] counts, bool[] expected)
    {
        Assert.Equal(expected, SmallNumberSuppression.Suppress(counts));
    }

    [Fact]
    public void Without_a_total_only_the_small_counts_are_withheld()
    {
        Assert.Equal([true, false, false], SmallNumberSuppression.Suppress([3, 50, 60], totalShown: false));
    }

    [Fact]
    public void No_breakdown_with_a_shown_total_gives_a_small_count_back()
    {
        var random = new Random(20261124);
        for (int trial = 0; trial < 2000; trial++)
        {
            var counts = Enumerable.Range(0, random.Next(2, 8)).Select(_ => (long)random.Next(0, 40)).ToArray();

            var suppressed = SmallNumberSuppression.Suppress(counts);

            Assert.True(suppressed.Where((s, i) => SmallNumberSuppression.IsSmall(counts[i])).All(s => s), string.Join(",", counts));
            Assert.NotEqual(1, suppressed.Count(s => s));
        }
    }
}
