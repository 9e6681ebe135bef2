using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Spc;

namespace OnePlace.Analytics.Tests.Indicators;

/// <summary>The indicator files: the default framework loads whole, and a bad file is refused with its reason.</summary>
public sealed class IndicatorCatalogueTests
{
    private static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder);

    [Fact]
    public void The_default_framework_has_at_least_20_indicators_including_those_both_partnerships_track()
    {
        var indicators = IndicatorCatalogue.Load(DefaultFolder);

        Assert.True(indicators.Count >= 20, $"{indicators.Count} indicators");
        Assert.Subset(indicators.Select(i => i.Id).ToHashSet(),
            new HashSet<string>
            {
                "emergency-admissions-65", "falls-admissions-65", "ae-attendances", "discharge-to-usual-residence", "still-at-home-91-days",
                "care-home-admissions-65", "ucr-seen-within-2-hours", "referrals-in-time", "severe-frailty-with-care-plan",
                "emergency-bed-days", "deaths-in-usual-residence",
            });
        var ucr = indicators.Single(i => i.Id == "ucr-seen-within-2-hours");
        Assert.Equal((IndicatorStatistic.Proportion, Polarity.HigherIsBetter, 70d), (ucr.Statistic, ucr.Polarity, ucr.Target!.Value));
        Assert.Equal(IndicatorStatistic.Dsr, indicators.Single(i => i.Id == "emergency-admissions-65").Statistic);
        Assert.All(indicators, i => Assert.Equal(Breakdowns.All, i.Breakdowns));
    }

    private const string Valid = """
        id: test-rate
        version: 1
        title: A rate
        domain: Hospital use
        definition: Events per people.
        statistic: crude_rate
        unit: per 100,000
        polarity: lower
        numerator:
          from: events
          where: event_type = 'ae_attendance'
        denominator:
          from: people
        source: Test
        """;

    [Fact]
    public void A_valid_file_reads_with_its_defaults()
    {
        var indicator = IndicatorCatalogue.Parse(Valid, "test.yaml");

        Assert.Equal(("test-rate", 100_000d, IndicatorSource.Events, IndicatorSource.People), (indicator.Id, indicator.Multiplier, indicator.Numerator.From, indicator.Denominator.From));
        Assert.True(indicator.SeparateNumerator);
    }

    [Theory]
    [InlineData("statistic: crude_rate", "statistic: median", "the statistic 'median' is not one of")]
    [InlineData("polarity: lower", "polarity: down", "the polarity 'down'")]
    [InlineData("title: A rate\n", "", "'title' is required")]
    [InlineData("version: 1", "version: 0", "'version' must be a whole number from 1")]
    [InlineData("id: test-rate", "id: Test_Rate", "lower-case letters, digits and hyphens")]
    [InlineData("where: event_type = 'ae_attendance'", "where: event_type = 'x'; DROP TABLE person", "may not contain ';'")]
    [InlineData("where: event_type = 'ae_attendance'", "where: event_type = 'x' -- hidden", "may not contain ';', '--'")]
    [InlineData("  from: people", "  from: households", "'denominator.from' is 'households'")]
    [InlineData("  from: people", "  from: events", "a rate counts events or referrals")]
    [InlineData("source: Test", "source: Test\nowner: someone", "line")]
    [InlineData("source: Test", "source: Test\nbreakdowns: [ward]", "the breakdown 'ward' is not one of")]
    public void A_bad_file_is_refused_saying_what_is_wrong(string from, string to, string expected)
    {
        var e = Assert.Throws<IndicatorFileException>(() => IndicatorCatalogue.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "bad.yaml"));

        Assert.StartsWith("bad.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_a_bad_file_or_a_repeated_id_is_refused_whole_naming_each_problem()
    {
        var folder = Directory.CreateTempSubdirectory("oneplace-indicators-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.yaml"), Valid);
            File.WriteAllText(Path.Combine(folder, "b.yaml"), Valid);
            File.WriteAllText(Path.Combine(folder, "c.yaml"), Valid.Replace("id: test-rate", "id: other", StringComparison.Ordinal).Replace("statistic: crude_rate", "statistic: mode", StringComparison.Ordinal));

            var e = Assert.Throws<IndicatorFileException>(() => IndicatorCatalogue.Load(folder));

            Assert.Contains("a.yaml and b.yaml: the id test-rate is used more than once", e.Message, StringComparison.Ordinal);
            Assert.Contains("c.yaml: the statistic 'mode'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
