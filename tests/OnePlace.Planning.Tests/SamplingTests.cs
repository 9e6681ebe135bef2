using CsCheck;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Sampling;

namespace OnePlace.Planning.Tests;

/// <summary>The interval sampler reproduces the NHP method (nhp_model helpers.rnorm and inrange; D_demand_finance §1.3, §4.5.1).</summary>
public sealed class SamplingTests
{
    [Fact]
    public void An_80_percent_interval_is_two_point_five_six_three_one_zero_three_standard_deviations_wide()
    {
        // 2·Φ⁻¹(0.9) = 2 × 1.2815516 = 2.5631032 (nhp_model helpers.rnorm).
        Assert.Equal(2.563103, Interval.Width80);
        Assert.Equal(0.85, new Interval(0.8, 0.9).Midpoint, 12);
        Assert.Equal(0.1 / 2.563103, new Interval(0.8, 0.9).StandardDeviation, 12);
    }

    [Fact]
    public void A_million_draws_of_point_eight_to_point_nine_have_their_P10_and_P90_within_a_thousandth_of_the_ends()
    {
        var random = new RunRandom(20190411, 0);
        var draws = new double[1_000_000];
        for (int i = 0; i < draws.Length; i++)
        {
            draws[i] = random.Draw(new Interval(0.8, 0.9), 0, 1);
        }

        Array.Sort(draws);
        Assert.InRange(Summary.Quantile(draws, 0.1), 0.799, 0.801);
        Assert.InRange(Summary.Quantile(draws, 0.9), 0.899, 0.901);
    }

    [Fact]
    public void Draws_are_clamped_to_the_parameters_valid_range()
    {
        var random = new RunRandom(7, 3);
        var draws = Enumerable.Range(0, 100_000).Select(_ => random.Draw(new Interval(0.9, 1.0), 0, 1)).ToArray();

        Assert.Equal(1.0, draws.Max());
        // Normal(0.95, 0.039) lies above 1 with probability 1 − Φ(1.2816) = 10%: those draws are clamped to 1.
        Assert.InRange(draws.Count(d => d == 1.0), 9_000, 11_000);
        Assert.Equal(1.0, new Interval(1.2, 1.4).At(0, 0, 1));
        Assert.Equal(0.0, new Interval(-0.5, -0.1).At(0, 0, 1));
    }

    [Fact]
    public void A_run_draws_the_same_numbers_from_the_same_seed_and_run_and_different_ones_otherwise()
    {
        static ulong[] First(ulong seed, int run)
        {
            var random = new RunRandom(seed, run);
            return [random.NextUInt64(), random.NextUInt64(), random.NextUInt64()];
        }

        Assert.Equal(First(42, 5), First(42, 5));
        Assert.NotEqual(First(42, 5), First(42, 6));
        Assert.NotEqual(First(42, 5), First(43, 5));
    }
}

/// <summary>Summaries of per-run values agree with sorting and interpolating (type 7), however many values.</summary>
public sealed class SummaryTests
{
    [Fact]
    public void Percentiles_found_by_selection_equal_those_of_the_sorted_values()
    {
        Gen.Double[-1e6, 1e6].Array[1, 400].Sample(values =>
        {
            var sorted = values.Order().ToArray();

            var summary = Summary.Of(values.ToArray(), 0);

            Assert.Equal(Summary.Quantile(sorted, 0.1), summary.P10);
            Assert.Equal(Summary.Quantile(sorted, 0.5), summary.P50);
            Assert.Equal(Summary.Quantile(sorted, 0.9), summary.P90);
            Assert.Equal(values.Average(), summary.Mean, 1e-6);
        });
    }
}
