using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Services;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>The 2-hour standard of one team; <see cref="TeamCode"/> null for referrals not yet with a team.</summary>
public sealed record ResponseStandardRow(string? TeamCode, string? TeamName, ResponseStandardResult Result);

/// <summary>
/// The Urgent Community Response 2-hour standard (<see cref="ResponseStandardResult"/>) over a period, for the
/// partnership and for each team that held 2-hour referrals or runs an urgent community response service. Counts
/// only, no person data: nothing is audited.
/// </summary>
public sealed record ResponseStandardReport(DateTime FromUtc, DateTime ToUtc, ResponseStandardResult Overall, IReadOnlyList<ResponseStandardRow> Teams)
{
    /// <summary>The period NHS England's community services statistics report on, and the page's default.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(28);

    public static async Task<ResponseStandardReport> MeasureAsync(OnePlaceDb db, DateTime fromUtc, DateTime toUtc, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var overall = await ResponseStandardResult.MeasureAsync(db, fromUtc, toUtc, clock, null, cancellationToken);
        var holding = await db.Referrals.AsNoTracking()
            .Where(r => r.Urgency == Urgency.Crisis2Hour && r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc && r.TeamCode != null)
            .Select(r => r.TeamCode!).Distinct().ToListAsync(cancellationToken);
        var teams = await (from t in db.Teams.AsNoTracking()
                           join s in db.Services.AsNoTracking() on t.ServiceCode equals s.Code
                           where s.Kind == TeamDirectory.UrgentCommunityResponse || holding.Contains(t.Code)
                           orderby t.Name
                           select new { t.Code, t.Name }).ToListAsync(cancellationToken);

        var rows = new List<ResponseStandardRow>();
        foreach (var team in teams)
        {
            rows.Add(new ResponseStandardRow(team.Code, team.Name, await ResponseStandardResult.MeasureAsync(db, fromUtc, toUtc, clock, team.Code, cancellationToken)));
        }

        // Referrals still in the SPA queue (or declined back to it) count overall but belong to no team.
        int inTime = overall.InTime - rows.Sum(r => r.Result.InTime);
        int late = overall.Late - rows.Sum(r => r.Result.Late);
        int unseen = overall.Unseen - rows.Sum(r => r.Result.Unseen);
        if (inTime + late + unseen > 0)
        {
            rows.Add(new ResponseStandardRow(null, null, Of(inTime, late, unseen)));
        }

        return new ResponseStandardReport(fromUtc, toUtc, overall, rows);
    }

    private static ResponseStandardResult Of(int inTime, int late, int unseen)
    {
        int n = inTime + late + unseen;
        var (lower, upper) = ResponseStandardResult.Wilson(inTime, n, 1.959963984540054);
        return new ResponseStandardResult(inTime + late, inTime, late, unseen, (double)inTime / n, lower, upper);
    }
}
