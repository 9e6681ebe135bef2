using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Web.Tests;

/// <summary>
/// An analytical store of its own for a test, in a temporary folder, filled as <c>oneplace analytics refresh</c> fills
/// it: copied from the operational store, then person measures computed with the default segment table.
/// </summary>
public sealed class TestAnalytics : IDisposable
{
    /// <summary>The date the measures are computed at: the synthetic events of the test boroughs are in 2025.</summary>
    public static readonly DateOnly AsOf = new(2025, 6, 30);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneplace-web-analytics-" + Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_folder, "analytics.duckdb");

    /// <summary>The configuration setting that points the application at this store.</summary>
    public KeyValuePair<string, string?> Setting => new("Analytics:Store", FilePath);

    public Dictionary<string, string?> Settings => new() { [Setting.Key] = Setting.Value };

    public async Task RefreshAsync(OnePlaceDb db)
    {
        var store = new AnalyticsStore(FilePath);
        await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(store, "analyst@partnership.test");
        PersonMeasures.Compute(store, SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv")), AsOf);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
