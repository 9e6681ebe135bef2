using System.Globalization;
using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Store;
using OnePlace.Core.Staff;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Web.Tests;

/// <summary>A scenario whose baseline is the analytical store's (<c>analytical_store: true</c>) runs on the baseline
/// the host's own store gives, made beside the store.</summary>
public sealed class StoreScenarioPagesTests(OutcomesStore outcomes) : IClassFixture<OutcomesStore>
{
    [Fact]
    public async Task The_borough_scenario_runs_on_the_baseline_counted_from_the_hosts_analytical_store()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { [outcomes.Setting.Key] = outcomes.Setting.Value });
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        var store = new AnalyticsStore(outcomes.Path);
        var expected = PlanningBaseline.Extract(store, PlanningBaseline.YearFor(PlanningBaseline.LatestEvent(store)!.Value));
        string folder = Directory.CreateTempSubdirectory("oneplace-store-baseline-").FullName;
        BaselineFiles.Write(expected, folder);
        var model = ScenarioFile.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "borough-shift-to-community.yaml"), Path.Combine(folder, BaselineFiles.ActivityFile));
        var result = ScenarioEngine.Run(model, new RunSettings { Runs = 0 });
        var gap = new Metric(Level.System, "", Measure.Gap);

        var page = await finance.GetPageAsync("/planning/scenarios/borough-shift-to-community?runs=0");

        Assert.Contains(expected.Activity.Count.ToString("N0", CultureInfo.GetCultureInfo("en-GB")) + " baseline rows", page, StringComparison.Ordinal);
        foreach (var outcome in result.Scenarios)
        {
            Assert.Contains(string.Format(CultureInfo.GetCultureInfo("en-GB"), "£{0:N1}m", outcome.MidpointValue(gap, result.Years.Count - 1) / 1e6), page, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(outcomes.Path)!, "planning-baseline", BaselineFiles.ActivityFile)));
        Directory.Delete(folder, recursive: true);
    }
}
