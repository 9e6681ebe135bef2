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
        var counts = await ResponseStandardResult.CountByTeamAsync(db, fromUtc, toUtc, clock, cancellationToken);
        var overall = ResponseStandardResult.Of(counts.Values.Sum(c => c.InTime), counts.Values.Sum(c => c.Late), counts.Values.Sum(c => c.Unseen));
        var holding = counts.Keys.Where(k => k != "").ToList();
        var teams = await (from t in db.Teams.AsNoTracking()
                           join s in db.Services.AsNoTracking() on t.ServiceCode equals s.Code
                           where s.Kind == TeamDirectory.UrgentCommunityResponse || holding.Contains(t.Code)
                           orderby t.Name
                           select new { t.Code, t.Name }).ToListAsync(cancellationToken);

        var rows = teams.Select(team => new ResponseStandardRow(team.Code, team.Name,
            counts.TryGetValue(team.Code, out var c) ? ResponseStandardResult.Of(c.InTime, c.Late, c.Unseen) : ResponseStandardResult.Of(0, 0, 0))).ToList();

        // Referrals still in the SPA queue (or declined back to it) count overall but belong to no team.
        if (counts.TryGetValue("", out var queue))
        {
            rows.Add(new ResponseStandardRow(null, null, ResponseStandardResult.Of(queue.InTime, queue.Late, queue.Unseen)));
        }

        return new ResponseStandardReport(fromUtc, toUtc, overall, rows);
    }
}
