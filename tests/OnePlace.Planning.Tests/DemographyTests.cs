using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Sampling;

namespace OnePlace.Planning.Tests;

/// <summary>Golden factors from the built-in Walsall projection and the NHP's non-demographic growth
/// (D_demand_finance §3.1 and §4.5.3–4).</summary>
public sealed class DemographyTests
{
    [Fact]
    public void Walsall_65_plus_grows_by_1_0964_from_2018_to_2028_and_85_plus_by_1_3174_to_2033()
    {
        var walsall = PopulationProjection.Walsall();
        double Over65(int year) => walsall.Population("principal", year, 2) + walsall.Population("principal", year, 3);

        // ONS 2018-based SNPP, Walsall (E08000030): 65+ 49,867 (2018) and 54,673 (2028); 85+ 6,559 (2018) and 8,641 (2033).
        Assert.Equal(49_867, Over65(2018));
        Assert.Equal(54_673, Over65(2028));
        Assert.Equal(1.0964, Over65(2028) / Over65(2018), 4);
        Assert.Equal(1.3174, walsall.Factor("principal", 2018, 2033, 3), 4);
        Assert.Equal(11, walsall.Variants.Count);
    }

    [Theory]
    [InlineData("0-4", 0)]
    [InlineData("15-19", 0)]
    [InlineData("20-24", 1)]
    [InlineData("60-64", 1)]
    [InlineData("65-69", 2)]
    [InlineData("80-84", 2)]
    [InlineData("85-89", 3)]
    [InlineData("90+", 3)]
    public void A_five_year_band_maps_to_a_projection_band_by_its_lower_age(string band, int expected) =>
        Assert.Equal(expected, PopulationProjection.BandOf(BaselineRow.LowerAge(band)!.Value));

    [Fact]
    public void Non_demographic_growth_of_1_31_percent_a_year_gives_1_1390_after_ten_years()
    {
        // NHP Variant 2, A&E: 1.31% a year; 1.0131^10 = 1.1390 (D_demand_finance §4.5.4).
        var model = new ScenarioBuilder().StillPopulation().Growth("outpatient_attendance", new Interval(0.0121, 0.0141)).Build();

        var result = ScenarioEngine.WhatIf(model);

        var activity = new Metric(Level.Setting, "outpatient_attendance", Measure.Activity);
        double factor = result.DoNothing.MidpointValue(activity, 10) / result.DoNothing.MidpointValue(activity, 0);
        Assert.Equal(1.1390, factor, 4);
    }

    [Fact]
    public void Do_nothing_activity_follows_the_projection_of_each_cells_age_band()
    {
        var model = new ScenarioBuilder().Horizon(10).Build();

        var result = ScenarioEngine.WhatIf(model);

        var walsall = PopulationProjection.Walsall();
        double expected = model.Baseline.Where(r => r.Setting == "community_contact")
            .Sum(r => r.Activity * walsall.Factor("principal", 2018, 2028, PopulationProjection.BandOf(BaselineRow.LowerAge(r.AgeBand)!.Value)));
        Assert.Equal(expected, result.DoNothing.MidpointValue(new Metric(Level.Setting, "community_contact", Measure.Activity), 10), 6);
    }
}
