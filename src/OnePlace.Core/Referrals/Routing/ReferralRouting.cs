using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Services;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals.Routing;

/// <summary>Where routing sent a referral: a team, or the SPA queue with the reason no team was chosen.</summary>
public sealed record RoutingDecision(string? TeamCode, string? ServiceCode, string? QueueReason);

/// <summary>
/// Routing (PRODUCT.md B3): from the service kind triage chose, to the team of that service covering the person's
/// locality that has room. A locality team is preferred to a borough-wide one; a service the person is not eligible
/// for by age, or a full team, is passed over; when no team qualifies the referral waits in the SPA queue with the
/// reason, for a coordinator to route by hand.
/// </summary>
public static class ReferralRouting
{
    // Routing runs for every referral received: its queries are compiled once rather than translated on each call.
    private static readonly Func<OnePlaceDb, string, IAsyncEnumerable<Service>> ServicesOfKind =
        EF.CompileAsyncQuery((OnePlaceDb db, string kind) => db.Services.AsNoTracking().Where(s => s.Kind == kind));

    private static readonly Func<OnePlaceDb, string, IAsyncEnumerable<Team>> TeamsOfKind =
        EF.CompileAsyncQuery((OnePlaceDb db, string kind) => db.Teams.AsNoTracking()
            .Where(t => db.Services.Any(s => s.Code == t.ServiceCode && s.Kind == kind)));

    private static readonly Func<OnePlaceDb, string, CancellationToken, Task<int>> OpenCount =
        EF.CompileAsyncQuery((OnePlaceDb db, string team, CancellationToken cancellationToken) =>
            db.Referrals.Count(r => r.TeamCode == team && ReferralStatus.WithTeam.Contains(r.Status)));

    public static async Task<RoutingDecision> RouteAsync(OnePlaceDb db, string? serviceKind, string? localityCode, int? age, CancellationToken cancellationToken)
    {
        if (serviceKind is null)
        {
            return new RoutingDecision(null, null, "Triage left the choice of service to the SPA coordinator");
        }

        var services = await ServicesOfKind(db, serviceKind).ToListAsync(cancellationToken);
        if (services.Count == 0)
        {
            return new RoutingDecision(null, null, $"No service of kind '{serviceKind}' in the directory");
        }

        var eligible = services.Where(s => age is not { } a || s.TakesAge(a)).ToList();
        if (eligible.Count == 0)
        {
            return new RoutingDecision(null, services[0].Code, $"Not eligible for {services[0].Name} by age");
        }

        var codes = eligible.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var teams = (await TeamsOfKind(db, serviceKind).ToListAsync(cancellationToken))
            .Where(t => codes.Contains(t.ServiceCode) && (t.LocalityCode == null || t.LocalityCode == localityCode))
            .ToList();
        if (localityCode is null && teams.All(t => t.LocalityCode is not null))
        {
            return new RoutingDecision(null, eligible[0].Code, "The person's locality is not known (postcode outside the borough and no GP practice here)");
        }

        // Locality teams first, then borough-wide; the first with room takes it.
        foreach (var team in teams.OrderBy(t => t.LocalityCode is null).ThenBy(t => t.Code, StringComparer.Ordinal))
        {
            if (await OpenCountAsync(db, team.Code, cancellationToken) < team.Capacity)
            {
                return new RoutingDecision(team.Code, team.ServiceCode, null);
            }
        }

        return teams.Count == 0
            ? new RoutingDecision(null, eligible[0].Code, $"No {eligible[0].Name} team covers locality {localityCode}")
            : new RoutingDecision(null, eligible[0].Code, $"Every {eligible[0].Name} team for this locality is at capacity");
    }

    /// <summary>Open referrals a team holds (awaiting acceptance, accepted, in care or being handed over).</summary>
    public static Task<int> OpenCountAsync(OnePlaceDb db, string teamCode, CancellationToken cancellationToken) =>
        OpenCount(db, teamCode, cancellationToken);
}
