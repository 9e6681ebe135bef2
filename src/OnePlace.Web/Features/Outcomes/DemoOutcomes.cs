using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Risk;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Web.Features.Outcomes;

/// <summary>
/// In demo mode the dashboards have something to show from the first page: the analytical store is refreshed from
/// the demo borough, the admission risk model fitted and everyone's measures and risk computed and the default framework run, once (a store that already holds a run
/// is left as it is; <c>oneplace analytics refresh</c> and <c>oneplace indicators</c> bring it up to date).
/// </summary>
public static class DemoOutcomes
{
    public const string Actor = "system:demo";

    /// <summary>Runs the steps unless the store already holds a framework run; returns whether it ran them.</summary>
    public static async Task<bool> EnsureAsync(OnePlaceDb db, OutcomesSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Current.Indicators.Count > 0)
        {
            return false;
        }

        var store = new AnalyticsStore(source.Path);
        await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(store, Actor, cancellationToken);
        if (PersonMeasures.DataReach(store) is not { } reach)
        {
            return false;
        }

        var segments = SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv"));
        try
        {
            // Fits and tests the admission risk model and scores everyone, computing the person measures at the reach on the way.
            AdmissionRisk.Train(store, segments, reach);
        }
        catch (ArgumentException)
        {
            // Too few adults or no admissions to fit a model: the measures without risk scores.
            PersonMeasures.Compute(store, segments, reach);
        }

        var indicators = IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder));
        FrameworkOutput.Save(store, FrameworkOutput.Run(store, indicators, FrameworkPeriod.For(reach)));
        source.Reload();
        return true;
    }
}
