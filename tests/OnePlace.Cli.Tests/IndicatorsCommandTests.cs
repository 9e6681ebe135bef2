using ClosedXML.Excel;
using OnePlace.Analytics.Indicators;
using OnePlace.Cli;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace indicators`, as a user runs it: the default framework on a refreshed borough, written as CSV
/// and Excel with one row per indicator × period × group; bad input refused with nothing written.</summary>
public sealed class IndicatorsCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oneplace-indicators-cli-").FullName;

    [Fact]
    public async Task Indicators_runs_the_default_framework_and_writes_every_figure_as_csv_and_excel()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        var analytics = Path.Combine(_work, "analytics.duckdb");
        var csv = Path.Combine(_work, "indicators.csv");
        var xlsx = Path.Combine(_work, "indicators.xlsx");
        Assert.Equal(0, (await Oneplace.RunAsync(null, "generate", "--profile", "walsall", "--people", "3000", "--seed", "8", "--out", folder)).Exit);
        Assert.Equal(0, (await Oneplace.RunAsync(store, "import", folder)).Exit);
        Assert.Equal(0, (await Oneplace.RunAsync(store, "analytics", "refresh", "--store", analytics)).Exit);

        var (exit, output) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--out", csv);
        var (excelExit, _) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--out", xlsx, "--months", "12");

        Assert.True(exit == 0, output);
        Assert.Equal(0, excelExit);
        int indicators = IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder)).Count;
        Assert.Matches($@"Ran {indicators} indicators over 25 periods to \d{{4}}-\d{{2}}-\d{{2}}", output);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal(string.Join(',', FrameworkOutput.Columns), lines[0]);
        Assert.Equal(indicators, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Contains(lines, l => l.StartsWith("emergency-admissions-65,1,", StringComparison.Ordinal) && l.Contains(",year,", StringComparison.Ordinal) && l.Contains(",overall,All,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1).Where(l => l.Contains(",True,small number withheld", StringComparison.Ordinal)),
            l => Assert.Contains(",,,,,,True,", l, StringComparison.Ordinal));
        using var workbook = new XLWorkbook(xlsx);
        // Twelve months and the year: 13 periods, so fewer rows than the 25-period CSV.
        int rows = workbook.Worksheet("Indicators").LastRowUsed().RowNumber();
        Assert.InRange(rows, indicators * 13, lines.Length - 1);
    }

    [Fact]
    public async Task A_missing_store_a_bad_indicator_file_or_too_few_months_are_refused_and_nothing_is_written()
    {
        var analytics = Path.Combine(_work, "analytics.duckdb");
        var output = Path.Combine(_work, "out.csv");
        var bad = Directory.CreateDirectory(Path.Combine(_work, "bad")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bad, "x.yaml"), "id: x\nversion: 1\nstatistic: median\n");

        var (missingExit, missing) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--out", output);
        new OnePlace.Analytics.Store.AnalyticsStore(analytics).Open().Dispose();
        var (badExit, badOutput) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--indicators", bad, "--out", output);
        var (monthsExit, months) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--months", "6", "--out", output);
        var (emptyExit, empty) = await Oneplace.RunAsync(null, "indicators", "--store", analytics, "--out", output);

        Assert.Equal(OnePlaceCommand.InputRefused, missingExit);
        Assert.Contains("run oneplace analytics refresh first", missing, StringComparison.Ordinal);
        Assert.Equal(OnePlaceCommand.InputRefused, badExit);
        Assert.Contains("x.yaml: the statistic 'median'", badOutput, StringComparison.Ordinal);
        Assert.Equal(OnePlaceCommand.InputRefused, monthsExit);
        Assert.Contains("--months must be 12 or more", months, StringComparison.Ordinal);
        Assert.Equal(OnePlaceCommand.InputRefused, emptyExit);
        Assert.Contains("has no events", empty, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
