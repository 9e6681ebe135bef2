using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Tests.Statistics;

/// <summary>Edges the reference sheets leave out, with values computed independently from the published formulas
/// (B_pophealth_stats §1.11: exact Poisson table Q1, hand-checkable DSR D5, ISR I4, edge runs P5, R6).</summary>
public sealed class StatisticsEdgeTests
{
    [Fact]
    public void Exact_Poisson_limits_match_the_published_table_for_zero_to_ten_events()
    {
        double[] lower = [0, 0.0253178079842899, 0.242209278543965, 0.618672122895601, 1.08986537362632, 1.62348639011842, 2.20189425349085, 2.81436305151987, 3.4538321767485, 4.11537309737833, 4.79538869613243];
        double[] upper = [3.68887945411394, 5.5716433909389, 7.22468766772396, 8.76727306974232, 10.2415886754037, 11.6683320793227, 13.0594740225187, 14.4226753617024, 15.7631892201933, 17.0848034514192, 18.3903560420178];
        for (int x = 0; x <= 10; x++)
        {
            var (lo, hi) = PoissonLimits.Exact(x, Confidence.Level95);
            // The table is printed to 15 significant figures.
            Reference.Agrees(lower[x], lo, $"lower for {x}", 1e-13);
            Reference.Agrees(upper[x], hi, $"upper for {x}", 1e-13);
        }

        Reference.Agrees(6.90775527898214, PoissonLimits.Exact(0, Confidence.Level998).Upper, "upper for 0 at 99.8%", 1e-13);
    }

    [Fact]
    public void A_proportion_of_none_or_all_keeps_its_limits_inside_zero_and_one()
    {
        var none = Proportions.Wilson(0, 100);
        var all = Proportions.Wilson(100, 100);

        Assert.Equal(0, none.Lower);
        Reference.Agrees(0.0369934982069857, none.Upper, "upper for 0/100", 1e-13);
        Reference.Agrees(0.963006501793014, all.Lower, "lower for 100/100", 1e-13);
        Assert.Equal(1, all.Upper);
    }

    [Fact]
    public void A_two_band_standardised_rate_and_ratio_agree_with_hand_calculation()
    {
        var dsr = DirectlyStandardisedRates.Dobson([new StandardisedBand(10, 1000, 6000), new StandardisedBand(20, 500, 4000)]);
        var ratio = IndirectlyStandardised.Ratio(
            [new ReferenceBand(1, 1000, 10, 10000), new ReferenceBand(2, 2000, 30, 10000), new ReferenceBand(2, 3000, 60, 10000)], referenceValue: 100);

        Reference.Agrees(2200, dsr.Estimate.Value, "DSR");
        Reference.Agrees(1478.14944399715, dsr.Estimate.Lower, "DSR lower", 1e-13);
        Reference.Agrees(3148.49018227023, dsr.Estimate.Upper, "DSR upper", 1e-13);
        Reference.Agrees(25, ratio.Expected, "expected");
        Reference.Agrees(20, ratio.Estimate.Value, "ratio");
        Reference.Agrees(6.49394556047368, ratio.Estimate.Lower, "ratio lower", 1e-13);
        Reference.Agrees(46.6733283172907, ratio.Estimate.Upper, "ratio upper", 1e-13);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        Assert.Contains("between 0 and the denominator", Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(11, 10)).Message, StringComparison.Ordinal);
        Assert.Contains("above 0", Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(1, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Crude(-1, 10)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 0.9", Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Crude(5, 10, level: 0.8)).Message, StringComparison.Ordinal);
        Assert.Contains("population above 0", Assert.Throws<ArgumentException>(() => DirectlyStandardisedRates.Dobson([new StandardisedBand(3, 0, 5000)])).Message, StringComparison.Ordinal);
        Assert.Contains("at least two values", Assert.Throws<ArgumentException>(() => Means.Mean([1.0])).Message, StringComparison.Ordinal);
        Assert.Contains("exactly the 20 bands", Assert.Throws<ArgumentException>(() => LifeExpectancy.Chiang([new LifeTableBand(0, 1, 100)])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_population_withholds_the_whole_life_table()
    {
        var bands = LifeExpectancy.StartAges.Select(age => new LifeTableBand(age, 2, 200)).ToList();

        var table = LifeExpectancy.Chiang(bands);

        Assert.All(table, e => Assert.Null(e.Estimate.Value));
        Assert.All(table, e => Assert.Equal("total population of 5,000 or less", e.Estimate.Method));
    }

    [Fact]
    public void The_standard_population_has_nineteen_bands_of_one_hundred_thousand_people()
    {
        Assert.Equal(100_000, EuropeanStandardPopulation2013.Weights.Sum());
        Assert.Equal(18, EuropeanStandardPopulation2013.BandOf(97));
        Assert.Equal(13, EuropeanStandardPopulation2013.BandOf(65));
        Assert.Equal("65-69", EuropeanStandardPopulation2013.Label(13));
        Assert.Equal("90+", EuropeanStandardPopulation2013.Label(18));
    }
}
