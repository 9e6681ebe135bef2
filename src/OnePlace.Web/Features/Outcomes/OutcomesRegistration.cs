using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Store;
using OnePlace.Web.Features.SignIn;

namespace OnePlace.Web.Features.Outcomes;

public static class OutcomesRegistration
{
    /// <summary>The configuration key of the analytical store's DuckDB file (default data/analytics.duckdb, as the
    /// command line's).</summary>
    public const string StoreKey = "Analytics:Store";

    /// <summary>
    /// The outcome dashboards (PRODUCT.md C1–C3, D1–D5): the framework overview, each indicator's detail, locality
    /// profiles and frailty, all read from the last framework run kept in the analytical store.
    /// </summary>
    public static IServiceCollection AddOutcomes(this IServiceCollection services, IConfiguration configuration)
    {
        string path = Path.GetFullPath(configuration[StoreKey] ?? AnalyticsStore.DefaultPath);
        services.AddSingleton(new OutcomesSource(path, TimeProvider.System));
        services.AddSingleton(new ProjectionSource(Path.Combine(AppContext.BaseDirectory, "reference", "demography", "walsall_snpp2018_bands.csv")));
        return services;
    }

    /// <summary>Every figure of the last run as CSV or an Excel workbook (the columns of <c>oneplace indicators --out</c>).</summary>
    public static WebApplication MapOutcomesExports(this WebApplication app)
    {
        app.MapGet("/outcomes/export.csv", (HttpContext context, OutcomesSource source) =>
        {
            if (!OutcomesAccess.MaySeeOutcomes(context.User.ToStaffActor()))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            FrameworkOutput.WriteCsv(FrameworkOutput.Rows(source.Current), text);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "oneplace-indicators.csv");
        });
        app.MapGet("/outcomes/export.xlsx", (HttpContext context, OutcomesSource source) =>
        {
            if (!OutcomesAccess.MaySeeOutcomes(context.User.ToStaffActor()))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var stream = new MemoryStream();
            FrameworkOutput.WriteExcel(FrameworkOutput.Rows(source.Current), stream);
            return Results.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "oneplace-indicators.xlsx");
        });
        return app;
    }
}

/// <summary>Who sees the outcome dashboards (<see cref="OnePlace.Core.Access.Permission.ViewAggregateOutcomes"/>): every
/// staff role. They hold counts and rates only, small numbers withheld, so no person is shown and nothing is audited per person.</summary>
public static class OutcomesAccess
{
    public static bool MaySeeOutcomes(OnePlace.Core.Access.StaffActor actor) => actor.May(OnePlace.Core.Access.Permission.ViewAggregateOutcomes);
}

/// <summary>
/// The dashboards' snapshot of the analytical store, read again when the file has changed (checked at most every
/// few seconds), so that pages are served from memory: a run of <c>oneplace indicators</c> shows on the next check.
/// If the store is locked by a refresh, the last snapshot stays.
/// </summary>
public sealed class OutcomesSource(string path, TimeProvider clock)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private OutcomesSnapshot _snapshot = OutcomesSnapshot.Empty;
    private DateTimeOffset _checked = DateTimeOffset.MinValue;

    public string Path { get; } = path;

    /// <summary>Reads the store at the next request, changed or not.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            _checked = DateTimeOffset.MinValue;
            _snapshot = OutcomesSnapshot.Empty;
        }
    }

    public OutcomesSnapshot Current
    {
        get
        {
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                if (now - _checked < CheckEvery)
                {
                    return _snapshot;
                }

                _checked = now;
                var modified = File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : DateTime.MinValue;
                if (modified != _snapshot.ModifiedUtc || (_snapshot == OutcomesSnapshot.Empty && modified != DateTime.MinValue))
                {
                    try
                    {
                        _snapshot = OutcomesSnapshot.Load(Path);
                        LocalityFunnel.Prepare(_snapshot);
                    }
                    catch (DuckDB.NET.Data.DuckDBException)
                    {
                        // Being written by a refresh: keep what we have and look again at the next check.
                        _checked = now - CheckEvery + TimeSpan.FromSeconds(1);
                    }
                }

                return _snapshot;
            }
        }
    }
}

/// <summary>The population projection the locality profiles apply (reference/demography, copied beside the program);
/// none if the file is missing or unreadable, and the profiles then leave projections out.</summary>
public sealed class ProjectionSource(string path)
{
    private readonly Lazy<PopulationProjection?> _projection = new(() =>
    {
        try
        {
            return File.Exists(path) ? PopulationProjection.Load(path) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    });

    public PopulationProjection? Current => _projection.Value;
}
