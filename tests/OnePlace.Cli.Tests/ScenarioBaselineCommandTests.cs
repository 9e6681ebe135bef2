using System.Globalization;
using OnePlace.Cli;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace scenario baseline`, as a user runs it: on a refreshed borough it writes baseline.csv and
/// population.csv and prints each setting's totals; without a store, or with an empty one, it refuses and writes nothing.</summary>
public sealed class ScenarioBaselineCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oneplace-baseline-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, true);

    [Fact]
    public async Task Scenario_baseline_writes_the_contracts_files_for_the_year_to_the_as_of_date_and_prints_each_settings_totals()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        var analytics = Path.Combine(_work, "analytics.duckdb");
        var output = Path.Combine(_work, "baseline");
        Assert.Equal(0, (await Oneplace.RunAsync(null, "generate", "--profile", "walsall", "--people", "500", "--seed", "6", "--out", folder)).Exit);
        Assert.Equal(0, (await Oneplace.RunAsync(store, "import", folder)).Exit);
        Assert.Equal(0, (await Oneplace.RunAsync(store, "analytics", "refresh", "--store", analytics)).Exit);

        var (exit, printed) = await Oneplace.RunAsync(null, "scenario", "baseline", "--store", analytics, "--as-of", "2025-03-15", "--out", output);

        Assert.True(exit == 0, printed);
        Assert.Contains("Baseline year 2024-03-01 to 2025-02-28 (ages and population on 2024-08-30)", printed, StringComparison.Ordinal);
        var baseline = await File.ReadAllLinesAsync(Path.Combine(output, "baseline.csv"));
        var population = await File.ReadAllLinesAsync(Path.Combine(output, "population.csv"));
        Assert.Equal("locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp", baseline[0]);
        Assert.Equal("locality,age_band,sex,deprivation_quintile,people", population[0]);
        var rows = baseline.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count > 100, $"{rows.Count} rows");
        // The printed GP contacts are the file's, summed.
        double contacts = rows.Where(r => r[4] == "gp_contact").Sum(r => double.Parse(r[5], CultureInfo.InvariantCulture));
        Assert.Matches($@"│ gp_contact\s+│ {contacts.ToString("N0", CultureInfo.InvariantCulture)}\s+│ contacts", printed);
        Assert.Contains("home_care_hour", printed, StringComparison.Ordinal);
        Assert.Matches($@"over [\d,]+ cells and {population.Skip(1).Sum(l => long.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)):N0} people", printed);
    }

    [Fact]
    public async Task Scenario_baseline_without_a_store_or_with_no_events_is_refused_and_writes_nothing()
    {
        var analytics = Path.Combine(_work, "analytics.duckdb");
        var output = Path.Combine(_work, "baseline");

        var (missingExit, missing) = await Oneplace.RunAsync(null, "scenario", "baseline", "--store", analytics, "--out", output);
        new OnePlace.Analytics.Store.AnalyticsStore(analytics).Open().Dispose();
        var (emptyExit, empty) = await Oneplace.RunAsync(null, "scenario", "baseline", "--store", analytics, "--out", output);

        Assert.Equal(OnePlaceCommand.InputRefused, missingExit);
        Assert.Contains("run oneplace analytics refresh first", missing, StringComparison.Ordinal);
        Assert.Equal(OnePlaceCommand.InputRefused, emptyExit);
        Assert.Contains("has no events", empty, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
