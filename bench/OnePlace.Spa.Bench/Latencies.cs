using System.Diagnostics;

namespace OnePlace.Spa.Bench;

/// <summary>Summary of a set of measured latencies, in milliseconds; percentiles by the nearest-rank method.</summary>
internal sealed record LatencySummary(int Count, int Errors, double Rate, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<long> ticks, int errors, double rate)
    {
        var ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        double At(double p) => ms.Length == 0 ? double.NaN : ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Length) - 1, 0, ms.Length - 1)];
        return new LatencySummary(ms.Length, errors, rate, At(50), At(95), At(99), ms.Length == 0 ? double.NaN : ms[^1]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} errors={Errors} rate={Rate:F1}/s p50={P50:F2} ms p95={P95:F2} ms p99={P99:F2} ms max={Max:F2} ms");
}
