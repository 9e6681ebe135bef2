using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Tests.Statistics;

/// <summary>The slope and relative index of inequality against the package's SII sheet (Reference/SOURCES.md): the
/// point values to 1e-9 relative, the simulated limits to 1% (issue 5).</summary>
public sealed class InequalityTests
{
    public static TheoryData<string> Cases => Reference.Ids("sii_transform_false", "sii_transform_true");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Slope_and_relative_index_match_the_reference_and_their_simulated_limits_agree_to_one_percent(string id)
    {
        var c = Reference.Case(id);
        var input = c.GetProperty("input");
        var expected = c.GetProperty("expected");
        bool transform = input.GetProperty("transform").GetBoolean();
        var valueType = (InequalityValueType)(int)input.Number("value_type")!.Value;
        var quantile = input.Numbers("quantile");
        var population = input.Numbers("population");
        var value = input.Numbers("value");
        var lower = input.Numbers("lower_cl");
        var upper = input.Numbers("upper_cl");
        var se = input.NullableNumbers("se");
        // A transformed fit takes the 95% limits; an untransformed one the standard errors the sheet gives.
        var quantiles = quantile.Select((q, j) => transform
            ? new QuantileValue((int)q, population[j], value[j], Lower95: lower[j], Upper95: upper[j])
            : new QuantileValue((int)q, population[j], value[j], StandardError: se[j])).ToList();

        var result = SlopeIndexOfInequality.Calculate(quantiles, valueType, transform);

        Reference.Agrees(expected.Number("sii"), result.Sii, $"{id} SII");
        Reference.Agrees(expected.Number("rii"), result.Rii, $"{id} RII");
        if (expected.Number("intercept") is { } intercept)
        {
            Reference.Agrees(intercept, result.Intercept, $"{id} intercept");
        }

        if (expected.Number("sii_lower95") is null)
        {
            // The sheet gives no limits for the quintile cases.
            return;
        }

        Reference.Agrees(expected.Number("sii_lower95"), result.SiiLower, $"{id} SII lower 95%", 0.01);
        Reference.Agrees(expected.Number("sii_upper95"), result.SiiUpper, $"{id} SII upper 95%", 0.01);
        Reference.Agrees(expected.Number("rii_lower95"), result.RiiLower, $"{id} RII lower 95%", 0.01);
        Reference.Agrees(expected.Number("rii_upper95"), result.RiiUpper, $"{id} RII upper 95%", 0.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_limits_and_a_negative_multiplier_reverses_polarity()
    {
        var c = Reference.Case("sii_rec91_area1");
        var input = c.GetProperty("input");
        var quantiles = input.Numbers("quantile").Select((q, j) => new QuantileValue(
            (int)q, input.Numbers("population")[j], input.Numbers("value")[j], StandardError: input.NullableNumbers("se")[j])).ToList();

        var first = SlopeIndexOfInequality.Calculate(quantiles, InequalityValueType.Proportion, repetitions: 2000, seed: 7);
        var again = SlopeIndexOfInequality.Calculate(quantiles, InequalityValueType.Proportion, repetitions: 2000, seed: 7);
        var reversed = SlopeIndexOfInequality.Calculate(quantiles, InequalityValueType.Proportion, multiplier: -100, repetitions: 2000, seed: 7);

        Assert.Equal(first, again);
        Assert.Equal(-100 * first.Sii, reversed.Sii, 1e-9);
        Assert.Equal(1 / first.Rii, reversed.Rii, 1e-12);
        Assert.Equal(-100 * first.SiiUpper, reversed.SiiLower, 1e-9);
        Assert.Equal(1 / first.RiiUpper, reversed.RiiLower, 1e-12);
    }

    [Fact]
    public void Too_few_quantiles_or_a_zero_population_are_refused_with_a_reason()
    {
        var four = Enumerable.Range(1, 4).Select(q => new QuantileValue(q, 100, 1, StandardError: 0.1)).ToList();
        var zero = Enumerable.Range(1, 5).Select(q => new QuantileValue(q, q == 3 ? 0 : 100, 1, StandardError: 0.1)).ToList();

        Assert.Contains("between 5 and 100", Assert.Throws<ArgumentException>(() => SlopeIndexOfInequality.Calculate(four)).Message, StringComparison.Ordinal);
        Assert.Contains("population above 0", Assert.Throws<ArgumentException>(() => SlopeIndexOfInequality.Calculate(zero)).Message, StringComparison.Ordinal);
    }
}
