using OnePlace.Analytics.Indicators;
using OnePlace.Core.Governance;

namespace OnePlace.Web.Features.Governance;

/// <summary>
/// Governance's view of the outcomes framework, made from the very snapshot the outcome dashboards show
/// (<see cref="Outcomes.OutcomesSource"/>): an indicator's RAG, variation and assurance as its row on /outcomes shows
/// them, and its latest value the year's overall figure there (null when withheld as a small number).
/// </summary>
public static class IndicatorReadings
{
    public static IReadOnlyDictionary<string, IndicatorReading> From(OutcomesSnapshot snapshot)
    {
        var latest = snapshot.Values.Where(v => v.Kind == PeriodKind.Year && v.Breakdown == "overall")
            .GroupBy(v => v.IndicatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.End)!, StringComparer.Ordinal);
        return snapshot.Indicators.ToDictionary(
            i => i.Id,
            i =>
            {
                var value = latest.GetValueOrDefault(i.Id);
                return new IndicatorReading(
                    i.Id, i.Title, i.Unit, i.Polarity, i.RunAtUtc, i.Rag, i.Variation, i.Assurance,
                    value is { Suppressed: false } ? value.Value : null, value?.End, i.Target);
            },
            StringComparer.Ordinal);
    }
}
