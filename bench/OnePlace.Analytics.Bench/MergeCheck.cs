using System.Globalization;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Bench;

/// <summary>
/// Checks a combined store against its parts: for every indicator and period, the whole population's numerator and
/// denominator on the combined store are the sums of those on the parts (the parts share no people, and every count
/// the framework makes adds up across people). Figures withheld as small numbers in any store are left out.
/// </summary>
internal static class MergeCheck
{
    public static (string Message, bool Same) Run(string folder, string merged, IReadOnlyList<string> parts)
    {
        var indicators = IndicatorCatalogue.Load(folder);
        var whole = new AnalyticsStore(merged);
        var reach = PersonMeasures.DataReach(whole) ?? throw new InvalidOperationException($"{merged} has no events.");
        var periods = FrameworkPeriod.For(reach);
        var combined = Overall(FrameworkOutput.Run(whole, indicators, periods));
        var separate = parts.Select(p => Overall(FrameworkOutput.Run(new AnalyticsStore(p), indicators, periods))).ToList();
        int compared = 0;
        var differences = new List<string>();
        foreach (var (key, value) in combined)
        {
            if (value is null || separate.Any(s => !s.TryGetValue(key, out var v) || v is null))
            {
                continue;
            }

            double numerator = separate.Sum(s => s[key]!.Value.Numerator);
            double denominator = separate.Sum(s => s[key]!.Value.Denominator);
            compared++;
            if (numerator != value.Value.Numerator || denominator != value.Value.Denominator)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{key}: {value.Value.Numerator}/{value.Value.Denominator} on the combined store, {numerator}/{denominator} summed over the parts"));
            }
        }

        return differences.Count == 0
            ? (string.Create(CultureInfo.InvariantCulture, $"Checked {compared:N0} whole-population figures of {indicators.Count} indicators: the combined store's numerators and denominators are the sums of its {parts.Count} parts'."), true)
            : ($"{differences.Count} of {compared} figures differ:{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(20))}", false);
    }

    private static Dictionary<string, (double Numerator, double Denominator)?> Overall(FrameworkResult result) =>
        result.Indicators.SelectMany(i => i.Values).Where(v => v.Breakdown == Breakdown.Overall).ToDictionary(
            v => $"{v.IndicatorId} {v.Period.Label}",
            v => v.Suppressed || v.Numerator is null || v.Denominator is null ? ((double, double)?)null : (v.Numerator.Value, v.Denominator.Value));
}
