using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using OnePlace.Core.Staff;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Output;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Web.Tests;

/// <summary>The scenario pages on real engine runs: the library, a scenario's gaps, fan chart, bridge and shifts with
/// the engine's own figures, the editor's changes, the exports, and who may see them.</summary>
public sealed class PlanningPagesTests : IDisposable
{
    private const string Small = """
        id: small
        title: A small partnership
        baseline_year: 2018
        horizon_years: 3
        baseline:
          rows: |
            locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp
            North,65-69,F,1,emergency_admission,1000,2000000
            North,65-69,F,1,community_contact,5000,300000
            South,85-89,M,3,emergency_admission,600,1500000
            South,85-89,M,3,community_contact,2000,120000
        partners: [{ id: nhs, name: NHS }]
        settings:
          - { id: emergency_admission, name: Emergency admissions, unit: spell, partner: nhs }
          - { id: community_contact, name: Community contacts, unit: contact, partner: nhs }
        funding:
          - { partner: nhs, baseline: 3500000, growth: [0.01, 0.03] }
        interventions:
          - id: shift
            name: Frailty response
            cohort: { settings: [emergency_admission], age_from: 65 }
            share_avoided: [0.1, 0.2]
            start: 2019
            full: 2020
            profile: front
            receives: [{ setting: community_contact, per_unit: [2, 4] }]
        scenarios:
          - { id: plan, title: Shift to the community, interventions: [shift] }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("oneplace-planning-pages-").FullName;

    public PlanningPagesTests() => File.WriteAllText(Path.Combine(_folder, "small.yaml"), Small);

    private Dictionary<string, string?> Settings => new() { ["Planning:Scenarios"] = _folder };

    [Fact]
    public async Task A_scenario_page_shows_the_engines_gaps_fan_bridge_and_shifts()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        var result = ScenarioEngine.Run(ScenarioFile.Load(Path.Combine(_folder, "small.yaml")), new RunSettings { Runs = 200, Seed = 7 });
        var gap = new Metric(Level.System, "", Measure.Gap);

        var library = await finance.GetPageAsync("/planning");
        var page = await finance.GetPageAsync("/planning/scenarios/small?runs=200&seed=7");

        Assert.Contains("href=\"/planning/scenarios/small\"", library, StringComparison.Ordinal);
        foreach (var outcome in result.Scenarios)
        {
            var summary = outcome.Summarise(gap, 3);
            Assert.Contains($"data-scenario=\"{outcome.Id}\"", page, StringComparison.Ordinal);
            Assert.Contains(Money(summary.Mean), page, StringComparison.Ordinal);
            Assert.Contains(Money(summary.P90), page, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"fan-table\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"bridge-table\"", page, StringComparison.Ordinal);
        Assert.Contains("data-step=\"shift\"", page, StringComparison.Ordinal);
        Assert.Contains("data-intervention=\"shift\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"oneplace-chart\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_changes_a_run_and_a_bad_change_is_refused_naming_the_field_and_changing_nothing()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);
        var model = ScenarioFile.Load(Path.Combine(_folder, "small.yaml"));
        var gap = new Metric(Level.System, "", Measure.Gap);
        var edited = model with { Interventions = [model.Interventions[0] with { ShareAvoided = new(0.3, 0.4) }] };
        double editedGap = ScenarioEngine.Run(edited, new RunSettings { Runs = 0 })["plan"].MidpointValue(gap, 3);
        double ownGap = ScenarioEngine.Run(model, new RunSettings { Runs = 0 })["plan"].MidpointValue(gap, 3);

        var changed = await analyst.GetPageAsync("/planning/scenarios/small?runs=0&shift.low=30&shift.high=40");
        var refused = await analyst.GetAsync("/planning/scenarios/small?runs=0&shift.low=50&shift.high=40");
        string refusedPage = await refused.Content.ReadAsStringAsync();

        Assert.Contains("id=\"scenario-edited\"", changed, StringComparison.Ordinal);
        Assert.Contains(Money(editedGap), changed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Frailty response: the low end cannot be above the high end.", refusedPage, StringComparison.Ordinal);
        Assert.Contains("id=\"scenario-unchanged\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains(Money(ownGap), refusedPage, StringComparison.Ordinal);
        Assert.Equal(Small, await File.ReadAllTextAsync(Path.Combine(_folder, "small.yaml")));
    }

    [Fact]
    public async Task The_exports_hold_every_total_and_the_scenario_file_keeps_the_editors_changes()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        var result = ScenarioEngine.Run(ScenarioFile.Load(Path.Combine(_folder, "small.yaml")), new RunSettings { Runs = 50, Seed = 3 });

        string csv = await (await finance.GetAsync("/planning/scenarios/small/summary.csv?runs=50&seed=3")).Content.ReadAsStringAsync();
        string bridge = await (await finance.GetAsync("/planning/scenarios/small/bridge.csv?runs=50&seed=3")).Content.ReadAsStringAsync();
        await using var xlsx = await (await finance.GetAsync("/planning/scenarios/small/results.xlsx?runs=50&seed=3")).Content.ReadAsStreamAsync();
        string yaml = await (await finance.GetAsync("/planning/scenarios/small/scenario.yaml?shift.low=25&shift.high=35&shift.profile=step")).Content.ReadAsStringAsync();

        Assert.Equal(ScenarioTables.Summary(result).Count() + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ScenarioTables.Bridge(result).Count() + 1, bridge.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var workbook = new XLWorkbook(xlsx);
        Assert.Equal(["Summary", "Bridge", "Parameters"], workbook.Worksheets.Select(w => w.Name));
        var kept = ScenarioFile.Parse(yaml, "small.yaml", _folder);
        Assert.Equal(new OnePlace.Planning.Sampling.Interval(0.25, 0.35), kept.Interventions[0].ShareAvoided);
        Assert.Equal(PhasingProfile.Step, kept.Interventions[0].Phasing.Profile);
    }

    [Fact]
    public async Task Only_finance_the_programme_office_analysts_and_administrators_see_scenarios()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/planning")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/planning/scenarios/small")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/planning/scenarios/small/summary.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/planning/scenarios/small/scenario.yaml")).StatusCode);
    }

    [Fact]
    public async Task The_walsall_worked_example_shipped_with_the_program_shows_its_174m_and_61m_gaps()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);

        var page = await finance.GetPageAsync("/planning/scenarios/walsall-2019-business-case?runs=0&scenario=planned-efficiencies");

        // Walsall Together report, 11 April 2019, §5.3: "a financial gap of £174m by 2022/23 … Based on the current
        // planned efficiency savings the gap would reduce to £61m".
        Assert.Equal(174, Math.Round(MidpointGap(page, "do-nothing")));
        Assert.Equal(61, Math.Round(MidpointGap(page, "planned-efficiencies")));
    }

    /// <summary>A scenario's midpoint gap as the page shows it, in £ million.</summary>
    private static double MidpointGap(string page, string scenario)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page.ReplaceLineEndings(""), $"data-scenario=\"{scenario}\">.*?data-measure=\"gap-midpoint\">£([0-9.,]+)m<");
        Assert.True(match.Success, $"The page shows no midpoint gap for {scenario}.");
        return double.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.GetCultureInfo("en-GB"));
    }

    [Fact]
    public async Task An_options_appraisal_ranks_its_options_shows_where_the_lead_changes_and_ranks_again_with_other_weights()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var programme = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        var appraisal = OnePlace.Planning.Appraisal.AppraisalFile.Load(Path.Combine(AppContext.BaseDirectory, "appraisals", "powys-integration-2015.yaml"));
        var ranking = OnePlace.Planning.Appraisal.AppraisalResult.Rank(appraisal);
        var outcomesOnly = OnePlace.Planning.Appraisal.AppraisalResult.Rank(appraisal, appraisal.Criteria.ToDictionary(c => c.Id, c => c.Id == "outcomes" ? 1.0 : 0.0));

        var library = await programme.GetPageAsync("/planning");
        var page = await programme.GetPageAsync("/planning/appraisals/powys-integration-2015");
        var reweighted = await programme.GetPageAsync("/planning/appraisals/powys-integration-2015?weight.outcomes=1&weight.sustainability=0&weight.accountability=0&weight.delivery-risk=0&weight.workforce=0");
        var refused = await programme.GetAsync("/planning/appraisals/powys-integration-2015?weight.outcomes=-1");

        Assert.Contains("href=\"/planning/appraisals/powys-integration-2015\"", library, StringComparison.Ordinal);
        Assert.True(page.IndexOf($"data-option=\"{ranking[0].Option}\"", StringComparison.Ordinal) < page.IndexOf($"data-option=\"{ranking[^1].Option}\"", StringComparison.Ordinal));
        Assert.Contains(ranking[0].Total.ToString("0.00", CultureInfo.GetCultureInfo("en-GB")), page, StringComparison.Ordinal);
        Assert.Contains("id=\"sensitivity-table\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"appraisal-edited\"", reweighted, StringComparison.Ordinal);
        Assert.True(reweighted.IndexOf($"data-option=\"{outcomesOnly[0].Option}\"", StringComparison.Ordinal) < reweighted.IndexOf($"data-option=\"{outcomesOnly[^1].Option}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The weight of Citizen experience and outcomes must be a number, 0 or more.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>As the page writes money: £ million to one decimal place, and under £50,000 either way as £0.0m.</summary>
    private static string Money(double pounds) => string.Format(CultureInfo.GetCultureInfo("en-GB"), "£{0:N1}m", Math.Abs(pounds) < 50_000 ? 0 : pounds / 1e6);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
