using OnePlace.Linkage.Comparison;

namespace OnePlace.Linkage.Tests.Comparison;

public sealed class SimilarityTests
{
    // Winkler's (1990) classic pairs, with the values jellyfish and DuckDB give.
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.8400)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Jaro_Winkler_matches_the_published_values(string a, string b, double expected) =>
        Assert.Equal(expected, Similarity.JaroWinkler(a, b), 4);

    [Theory]
    [InlineData("smith", "smith", 0)]
    [InlineData("smith", "smyth", 1)]
    [InlineData("smith", "msith", 1)]
    [InlineData("smith", "smit", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "abc", 3)]
    public void Damerau_Levenshtein_counts_a_transposition_as_one_edit(string a, string b, int expected) =>
        Assert.Equal(expected, Similarity.DamerauLevenshtein(a, b));

    [Fact]
    public void Damerau_Levenshtein_stops_early_past_its_bound() =>
        Assert.Equal(2, Similarity.DamerauLevenshtein("abcdef", "uvwxyz", 1));

    [Theory]
    [InlineData("12 high street walsall", "walsall 12 high street", 1.0)]
    [InlineData("12 high street", "14 high street", 0.5)]
    [InlineData("a a b", "a b", 1.0)]
    [InlineData("flat 1", "mill lane", 0.0)]
    public void Token_Jaccard_ignores_word_order_and_repeats(string a, string b, double expected) =>
        Assert.Equal(expected, Similarity.TokenJaccard(a, b), 6);
}
