using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using OnePlace.Analytics.Indicators;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>The outcome dashboards on a real framework run: every indicator on the overview, an indicator's trend,
/// funnel and breakdowns with the run's own figures, locality profiles, frailty, and the exports.</summary>
public sealed class OutcomesPagesTests(OutcomesStore outcomes) : IClassFixture<OutcomesStore>
{
    [Fact]
    public async Task The_overview_lists_every_indicator_with_its_value_rag_and_spc_icons()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { [outcomes.Setting.Key] = outcomes.Setting.Value });
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var page = await analyst.GetPageAsync("/outcomes");

        Assert.Contains("href=\"/outcomes\"", page, StringComparison.Ordinal);
        foreach (var outcome in outcomes.Result.Indicators)
        {
            Assert.Contains($"data-indicator=\"{outcome.Definition.Id}\"", page, StringComparison.Ordinal);
        }

        var admissions = outcomes.Result.Indicators.Single(i => i.Definition.Id == "emergency-admissions-65");
        Assert.Contains(OutcomesTextOf(admissions.Latest!.Value), page, StringComparison.Ordinal);
        Assert.Contains("Common cause", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/outcomes/export.xlsx\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicator_page_shows_its_trend_funnel_breakdowns_and_inequality_with_the_runs_figures()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { [outcomes.Setting.Key] = outcomes.Setting.Value });
        using var manager = await app.SignedInAsync(StaffRoles.TeamManager);
        var indicator = outcomes.Result.Indicators.Single(i => i.Definition.Id == "emergency-admissions-all-ages");

        var page = await manager.GetPageAsync("/outcomes/indicators/emergency-admissions-all-ages");

        Assert.Contains("<h1>Emergency hospital admissions, all ages</h1>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"trend-table\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"funnel-table\"", page, StringComparison.Ordinal);
        foreach (var breakdown in new[] { "locality", "imd_quintile", "age_group", "sex", "ethnic_group" })
        {
            Assert.Contains($"data-breakdown=\"{breakdown}\"", page, StringComparison.Ordinal);
        }

        // Each shown group's figure is the run's, to the decimal place shown.
        foreach (var value in indicator.Values.Where(v => v.Period.Kind == PeriodKind.Year && v.Breakdown == Breakdown.Locality && !v.Suppressed))
        {
            Assert.Contains(OutcomesTextOf(value.Value), page, StringComparison.Ordinal);
        }

        Assert.NotNull(indicator.Inequality);
        Assert.Contains("id=\"sii\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/outcomes/indicators/no-such-indicator")).StatusCode);
    }

    [Fact]
    public async Task Locality_and_frailty_pages_show_counts_with_small_numbers_withheld_and_the_exports_hold_every_figure()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { [outcomes.Setting.Key] = outcomes.Setting.Value });
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        var overview = await practitioner.GetPageAsync("/outcomes");
        var locality = System.Text.RegularExpressions.Regex.Match(overview, "href=\"/outcomes/localities/([^\"]+)\"").Groups[1].Value;
        var profile = await practitioner.GetPageAsync($"/outcomes/localities/{locality}");
        var frailty = await practitioner.GetPageAsync("/outcomes/frailty");
        var csv = await (await practitioner.GetAsync("/outcomes/export.csv")).Content.ReadAsStringAsync();
        await using var xlsx = await (await practitioner.GetAsync("/outcomes/export.xlsx")).Content.ReadAsStreamAsync();

        Assert.Contains("id=\"pyramid-table\"", profile, StringComparison.Ordinal);
        Assert.Contains("id=\"projection-table\"", profile, StringComparison.Ordinal);
        Assert.Contains("id=\"locality-indicators\"", profile, StringComparison.Ordinal);
        Assert.Contains("id=\"frailty-table\"", frailty, StringComparison.Ordinal);
        Assert.Contains("Severe", frailty, StringComparison.Ordinal);
        Assert.Contains("id=\"risk-table\"", frailty, StringComparison.Ordinal);
        Assert.Contains("40% or more", frailty, StringComparison.Ordinal);
        int figures = outcomes.Result.Indicators.Sum(i => i.Values.Count);
        Assert.Equal(figures + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        using var workbook = new XLWorkbook(xlsx);
        Assert.Equal(figures + 1, workbook.Worksheet("Indicators").LastRowUsed().RowNumber());
        Assert.Equal("indicator_id", workbook.Worksheet("Indicators").Cell(1, 1).GetString());
    }

    private static string OutcomesTextOf(double? value) => value is { } v ? v.ToString("#,0.0", CultureInfo.GetCultureInfo("en-GB")) : "–";
}
