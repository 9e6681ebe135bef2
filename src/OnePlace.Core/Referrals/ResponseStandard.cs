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
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var query = db.Referrals.AsNoTracking().Where(r => r.Urgency == Urgency.Crisis2Hour && r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc
            && r.Status != ReferralStatus.Cancelled && r.Status != ReferralStatus.Declined);
        if (teamCode is not null)
        {
            query = query.Where(r => r.TeamCode == teamCode);
        }

        int inTime = 0, late = 0, unseen = 0;
        foreach (var r in await query.Select(r => new { r.Urgency, r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds, r.FirstContactAtUtc })
                     .ToListAsync(cancellationToken))
        {
            var c = new ReferralClock(ClockDefinition.For(r.Urgency), r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds);
            if (r.FirstContactAtUtc is not null)
            {
                if (c.IsBreached(now, calendar))
                {
                    late++;
                }
                else
                {
                    inTime++;
                }
            }
            else if (c.IsBreached(now, calendar))
            {
                unseen++;
            }
        }

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
