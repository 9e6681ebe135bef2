using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>
/// The Urgent Community Response 2-hour standard as NHS England measures it: the share of 2-hour referrals seen
/// within 2 hours, against a national threshold of 70%. A referral counts once its result is known: seen (in time or
/// late) or past 2 hours unseen; cancelled or declined referrals and those still inside their 2 hours are left out.
/// The interval is Wilson's score interval at 95% (Wilson 1927), as the public-health methods use for proportions.
/// </summary>
public sealed record ResponseStandardResult(int Seen, int InTime, int Late, int Unseen, double? Share, double? Lower, double? Upper)
{
    public const double NationalThreshold = 0.70;

    public int Counted => InTime + Late + Unseen;

    public bool MeetsThreshold => Share >= NationalThreshold;

    public static async Task<ResponseStandardResult> MeasureAsync(OnePlaceDb db, DateTime fromUtc, DateTime toUtc, TimeProvider clock, string? teamCode = null, CancellationToken cancellationToken = default)
    {
        var counts = await CountByTeamAsync(db, fromUtc, toUtc, clock, cancellationToken);
        var chosen = counts.Where(c => teamCode is null || c.Key == teamCode).Select(c => c.Value).ToList();
        return Of(chosen.Sum(c => c.InTime), chosen.Sum(c => c.Late), chosen.Sum(c => c.Unseen));
    }

    /// <summary>
    /// In time, late and unseen 2-hour referrals received in the period, by the team holding each ("" for none), from one
    /// read of the referrals.
    /// </summary>
    public static async Task<Dictionary<string, (int InTime, int Late, int Unseen)>> CountByTeamAsync(
        OnePlaceDb db, DateTime fromUtc, DateTime toUtc, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var rows = await db.Referrals.AsNoTracking()
            .Where(r => r.Urgency == Urgency.Crisis2Hour && r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc
                && r.Status != ReferralStatus.Cancelled && r.Status != ReferralStatus.Declined)
            .Select(r => new { r.TeamCode, r.Urgency, r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds, r.FirstContactAtUtc })
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<string, (int InTime, int Late, int Unseen)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var c = new ReferralClock(ClockDefinition.For(r.Urgency), r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds);
            bool breached = c.IsBreached(now, calendar);
            if (r.FirstContactAtUtc is null && !breached)
            {
                continue; // still inside its 2 hours, or paused before the 2 hours ran out: not yet known
            }

            var (inTime, late, unseen) = counts.GetValueOrDefault(r.TeamCode ?? "");
            counts[r.TeamCode ?? ""] = r.FirstContactAtUtc is null ? (inTime, late, unseen + 1)
                : breached ? (inTime, late + 1, unseen) : (inTime + 1, late, unseen);
        }

        return counts;
    }

    /// <summary>The result for these counts, with the share seen in time and its Wilson interval.</summary>
    public static ResponseStandardResult Of(int inTime, int late, int unseen)
    {
        int n = inTime + late + unseen;
        if (n == 0)
        {
            return new ResponseStandardResult(0, 0, 0, 0, null, null, null);
        }

        var (lower, upper) = Wilson(inTime, n, 1.959963984540054);
        return new ResponseStandardResult(inTime + late, inTime, late, unseen, (double)inTime / n, lower, upper);
    }

    /// <summary>Wilson score interval for <paramref name="x"/> successes of <paramref name="n"/>.</summary>
    public static (double Lower, double Upper) Wilson(int x, int n, double z)
    {
        double p = (double)x / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        return ((centre - spread) / denominator, (centre + spread) / denominator);
    }
}
