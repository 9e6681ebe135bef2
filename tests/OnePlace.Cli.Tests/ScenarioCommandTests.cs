using ClosedXML.Excel;
using OnePlace.Cli;
using OnePlace.Planning.Output;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace scenario run`, as a user runs it: the Walsall worked example written as CSV and Excel; a file
/// with mistakes refused, naming each, with nothing written.</summary>
public sealed class ScenarioCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oneplace-scenario-cli-").FullName;

    private static string Walsall => Path.Combine(AppContext.BaseDirectory, "scenarios", "walsall-2019-business-case.yaml");

    [Fact]
    public async Task Scenario_run_prints_each_scenarios_gap_and_writes_totals_bridge_and_parameters_as_csv_and_excel()
    {
        var folder = Path.Combine(_work, "out");

        var (exit, output) = await Oneplace.RunAsync(null, "scenario", "run", Walsall, "--runs", "300", "--seed", "7", "--out", folder);

        Assert.True(exit == 0, output);
        // The midpoint run reproduces the business case's £174m do-nothing gap and £61m after planned efficiencies.
        Assert.Contains("£173.9m", output, StringComparison.Ordinal);
        Assert.Contains("£60.8m", output, StringComparison.Ordinal);
        Assert.Contains("Ran 3 scenarios × 300 runs × 4 years over 112 cells (seed 7)", output, StringComparison.Ordinal);
        var summary = await File.ReadAllLinesAsync(Path.Combine(folder, "summary.csv"));
        Assert.Equal(string.Join(',', ScenarioTables.SummaryColumns), summary[0]);
        Assert.Contains(summary, l => l.StartsWith("do-nothing,2022/23,system,,gap,", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.StartsWith("walsall-together,2022/23,intervention,frailty-admission-avoidance,avoided,", StringComparison.Ordinal));
        var bridge = await File.ReadAllLinesAsync(Path.Combine(folder, "bridge.csv"));
        Assert.Contains(bridge, l => l.StartsWith("walsall-together,2022/23,Residual gap,residual,", StringComparison.Ordinal));
        Assert.Equal(302, (await File.ReadAllLinesAsync(Path.Combine(folder, "parameters.csv"))).Length);
        using var workbook = new XLWorkbook(Path.Combine(folder, "scenario.xlsx"));
        Assert.Equal(summary.Length, workbook.Worksheet("Summary").LastRowUsed().RowNumber());
        Assert.Equal(bridge.Length, workbook.Worksheet("Bridge").LastRowUsed().RowNumber());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_figures_whatever_the_threads()
    {
        var one = Path.Combine(_work, "one");
        var two = Path.Combine(_work, "two");

        await Oneplace.RunAsync(null, "scenario", "run", Walsall, "--runs", "200", "--seed", "3", "--threads", "1", "--out", one);
        await Oneplace.RunAsync(null, "scenario", "run", Walsall, "--runs", "200", "--seed", "3", "--threads", "2", "--out", two);

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(one, "summary.csv")), await File.ReadAllTextAsync(Path.Combine(two, "summary.csv")));
    }

    [Fact]
    public async Task A_scenario_file_with_mistakes_is_refused_naming_each_and_nothing_is_written()
    {
        var bad = Path.Combine(_work, "bad.yaml");
        await File.WriteAllTextAsync(bad, """
            id: Bad Id
            title: A scenario with mistakes
            baseline_year: 2018
            horizon_years: 12
            baseline:
              rows: |
                locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp
                North,65-69,X,1,emergency_admission,10,20000
            partners: [{ id: nhs }]
            settings: [{ id: emergency_admission, partner: council }]
            interventions:
              - id: shift
                cohort: { settings: [emergency_admission] }
                share_avoided: [0.3, 0.1]
                receives: [{ setting: community_contact, per_unit: 2 }]
            """);
        var folder = Path.Combine(_work, "out");

        var (exit, output) = await Oneplace.RunAsync(null, "scenario", "run", bad, "--out", folder);

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("The scenario file cannot be used", output, StringComparison.Ordinal);
        Assert.Contains("bad.yaml: the id 'Bad Id' must be lower-case letters, digits and hyphens.", output, StringComparison.Ordinal);
        Assert.Contains("'horizon_years' must be 1 to 10.", output, StringComparison.Ordinal);
        Assert.Contains("line 2: the sex 'X' is not F or M.", output, StringComparison.Ordinal);
        Assert.Contains("the setting emergency_admission is paid for by 'council', which is not among the partners.", output, StringComparison.Ordinal);
        Assert.Contains("'interventions[0].share_avoided' has its low end 0.3 above its high end 0.1.", output, StringComparison.Ordinal);
        Assert.Contains("shifts activity to 'community_contact', which is not in the settings catalogue.", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(OnePlaceCommand.InputRefused, (await Oneplace.RunAsync(null, "scenario", "run", Path.Combine(_work, "missing.yaml"))).Exit);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
