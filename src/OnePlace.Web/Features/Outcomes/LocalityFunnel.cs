using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Statistics;

namespace OnePlace.Web.Features.Outcomes;

/// <summary>One locality on a funnel plot, with its significance against the funnel.</summary>
public sealed record FunnelLocality(string Name, double Denominator, double Value, string Significance);

/// <summary>A funnel plot of localities (PHE funnel plot method; FunnelLimits): the average, its 95% and 99.8%
/// limits as curves of (denominator, value), lower 95%, upper 95%, lower 99.8%, upper 99.8%, and each locality.</summary>
public sealed record LocalityFunnel(double Baseline, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Limits, IReadOnlyList<FunnelLocality> Localities)
{
    private const int Steps = 40;

    private static readonly ConditionalWeakTable<OutcomesSnapshot, ConcurrentDictionary<string, LocalityFunnel?>> Computed = new();

    /// <summary>
    /// The funnel of an indicator's reporting-year locality figures in a snapshot, computed once per snapshot. The
    /// exact Poisson limits take time in proportion to the counts (FunnelLimits sums the Poisson terms as the PHE
    /// package does), several hundred milliseconds for the localities of a million people, and a snapshot never changes.
    /// </summary>
    public static LocalityFunnel? For(OutcomesSnapshot snapshot, IndicatorSummary indicator) =>
        Computed.GetOrCreateValue(snapshot).GetOrAdd(indicator.Id, _ => For(
            indicator,
            [.. snapshot.Values.Where(v => v.IndicatorId == indicator.Id && v.Kind == PeriodKind.Year && v.Breakdown == "locality")],
            indicator.Multiplier));

    /// <summary>Computes every indicator's funnel of a newly read snapshot in the background, so that no reader waits
    /// for one.</summary>
    public static void Prepare(OutcomesSnapshot snapshot) => _ = Task.Run(() =>
    {
        foreach (var indicator in snapshot.Indicators)
        {
            For(snapshot, indicator);
        }
    });

    /// <summary>The funnel for the reporting year's locality figures, or null where the statistic has none (means),
    /// fewer than two localities have figures, or the counts do not allow one.</summary>
    public static LocalityFunnel? For(IndicatorSummary indicator, IReadOnlyList<StoredValue> localities, double multiplier)
    {
        var shown = localities.Where(v => v.Group != "Unknown" && v is { Suppressed: false, Value: not null, Numerator: not null, Denominator: > 0 }).ToList();
        try
        {
            switch (indicator.Statistic)
            {
                case nameof(IndicatorStatistic.Proportion) when shown.Count >= 2:
                    {
                        var points = shown.Select(v => new FunnelProportion(v.Numerator!.Value, v.Denominator!.Value)).ToList();
                        double top = shown.Max(v => v.Denominator!.Value) * 1.2;
                        var at = Enumerable.Range(1, Steps).Select(i => Math.Max(1, Math.Round(top * i / Steps))).Distinct().ToList();
                        var funnel = FunnelLimits.ForProportions(points, at, multiplier);
                        var significance = FunnelLimits.SignificanceOfProportions(points);
                        IReadOnlyList<IReadOnlyList<(double, double)>> curves =
                        [
                            [.. funnel.Points.Select(p => (p.Population, p.Lower95))], [.. funnel.Points.Select(p => (p.Population, p.Upper95))],
                        [.. funnel.Points.Select(p => (p.Population, p.Lower998))], [.. funnel.Points.Select(p => (p.Population, p.Upper998))],
                    ];
                        return new LocalityFunnel(funnel.Baseline, curves,
                            [.. shown.Select((v, i) => new FunnelLocality(v.Group, v.Denominator!.Value, v.Value!.Value, FunnelLimits.Label(significance[i])))]);
                    }

                case nameof(IndicatorStatistic.CrudeRate) or nameof(IndicatorStatistic.Dsr):
                    {
                        var type = indicator.Statistic == nameof(IndicatorStatistic.Dsr) ? FunnelRateType.DirectlyStandardised : FunnelRateType.Crude;
                        // Standardised rates need 10 events for their limits (FunnelLimits.DsrFrom).
                        var counted = shown.Where(v => v.Value > 0 && (type == FunnelRateType.Crude || v.Numerator >= FunnelLimits.DsrFrom)).ToList();
                        if (counted.Count < 2)
                        {
                            return null;
                        }

                        var rates = counted.Select(v => new FunnelRate(v.Numerator!.Value, v.Value!.Value, v.Denominator)).ToList();
                        double most = counted.Max(v => v.Numerator!.Value) * 1.5;
                        var events = Enumerable.Range(1, Steps).Select(i => Math.Max(1, Math.Round(most * i / Steps))).Distinct().ToList();
                        var funnel = FunnelLimits.ForRates(rates, type, events, multiplier);
                        var significance = FunnelLimits.SignificanceOfRates(rates, type, multiplier);
                        // Each limit is placed at the population where that many events sit on it, so each curve has its own.
                        IReadOnlyList<IReadOnlyList<(double, double)>> curves =
                        [
                            Curve(funnel.Points.Select(p => p.Lower95)), Curve(funnel.Points.Select(p => p.Upper95)),
                        Curve(funnel.Points.Select(p => p.Lower998)), Curve(funnel.Points.Select(p => p.Upper998)),
                    ];
                        return new LocalityFunnel(funnel.Baseline, curves,
                            [.. counted.Select((v, i) => new FunnelLocality(v.Group, v.Denominator!.Value, v.Value!.Value, FunnelLimits.Label(significance[i])))]);
                    }

                default:
                    return null;
            }
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<(double, double)> Curve(IEnumerable<ControlLimit> limits) =>
        [.. limits.Where(l => double.IsFinite(l.Position) && double.IsFinite(l.Value) && l.Position > 0).Select(l => (l.Position, l.Value)).OrderBy(p => p.Position)];
}
