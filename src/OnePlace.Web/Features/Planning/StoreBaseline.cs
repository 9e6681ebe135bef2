using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Store;

namespace OnePlace.Web.Features.Planning;

/// <summary>
/// The planning baseline of the host's own analytical store, for scenario files whose baseline is
/// <c>analytical_store: true</c>: the files <c>oneplace scenario baseline</c> writes, made beside the store in
/// <c>planning-baseline/</c> the first time they are asked for and again whenever the store has changed since. The
/// store is opened for reading only. The files hold counts and costs per cell for the partnership's planners; pages
/// show only totals.
/// </summary>
public sealed class StoreBaseline(string storePath)
{
    private readonly Lock _gate = new();

    public string Folder { get; } = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "planning-baseline");

    /// <summary>The baseline CSV of the store as it is now, with the store's time stamp; or null and why not.</summary>
    public (string? Path, DateTime Made, string? Problem) Current()
    {
        if (!File.Exists(storePath))
        {
            return (null, default, "There is no analytical store yet (oneplace analytics refresh makes it), so there is no baseline to start from.");
        }

        lock (_gate)
        {
            var modified = File.GetLastWriteTimeUtc(storePath);
            string csv = Path.Combine(Folder, BaselineFiles.ActivityFile);
            if (File.Exists(csv) && File.GetLastWriteTimeUtc(csv) >= modified)
            {
                return (csv, File.GetLastWriteTimeUtc(csv), null);
            }

            try
            {
                var store = new AnalyticsStore(storePath);
                if (PlanningBaseline.LatestEvent(store) is not { } reach)
                {
                    return (null, default, "The analytical store holds no care events yet, so there is no baseline to start from.");
                }

                BaselineFiles.Write(PlanningBaseline.Extract(store, PlanningBaseline.YearFor(reach)), Folder);
                return (csv, File.GetLastWriteTimeUtc(csv), null);
            }
            catch (DuckDB.NET.Data.DuckDBException)
            {
                // Being written by a refresh: use the last baseline made, if any, and make it again next time.
                return File.Exists(csv)
                    ? (csv, File.GetLastWriteTimeUtc(csv), null)
                    : (null, default, "The analytical store is being refreshed; the baseline will be made when it is done.");
            }
        }
    }
}
