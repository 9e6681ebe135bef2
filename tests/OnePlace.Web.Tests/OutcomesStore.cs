using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Synthetic;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>
/// An analytical store holding a real framework run: a generated borough imported into a real operational store,
/// refreshed, its person measures computed and the default indicators run, as `oneplace analytics refresh` and
/// `oneplace indicators` would. The dashboards read it through the Analytics:Store setting.
/// </summary>
public sealed class OutcomesStore : IAsyncLifetime
{
    private string _folder = "";

    public string Path => System.IO.Path.Combine(_folder, "analytics.duckdb");

    public FrameworkResult Result { get; private set; } = null!;

    public KeyValuePair<string, string?> Setting => new("Analytics:Store", Path);

    public async ValueTask InitializeAsync()
    {
        const int people = 6_000;
        var folder = Directory.CreateTempSubdirectory("oneplace-outcomes-").FullName;
        var extract = System.IO.Path.Combine(folder, "extract");
        BoroughGenerator.Generate(new GeneratorOptions("walsall", people, 5), extract);
        var analytics = new AnalyticsStore(System.IO.Path.Combine(folder, "analytics.duckdb"));
        await using (var store = await TestStore.CreateAsync())
        await using (var db = store.Open())
        {
            await new ExtractImporter(db).ImportFolderAsync(extract, "importer@partnership.test");
            await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(analytics, "analyst@partnership.test");
        }

        var reach = PersonMeasures.DataReach(analytics)!.Value;
        // The admission risk model computes the person measures at the reach and scores everyone, as demo mode does.
        OnePlace.Analytics.Risk.AdmissionRisk.Train(analytics, SegmentTable.Load(System.IO.Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv")), reach);
        var indicators = IndicatorCatalogue.Load(System.IO.Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder));
        Result = FrameworkOutput.Run(analytics, indicators, FrameworkPeriod.For(reach));
        FrameworkOutput.Save(analytics, Result);
        _folder = folder;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, true);
        return ValueTask.CompletedTask;
    }
}
