using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.Services;

/// <summary>A team as the pages offer it: to choose a worklist, route a referral, hand it over or give a task.</summary>
public sealed record TeamChoice(string Code, string Name, string ServiceCode, string ServiceName, string ServiceKind, string Partner, string? LocalityCode);

/// <summary>A member of staff of a team, to allocate a referral to.</summary>
public sealed record TeamMember(string UserName, string DisplayName);

/// <summary>
/// The services and teams directory as choices: every team of every partner (a task can go to any of them), by
/// service then name. No person data is read, so nothing is audited.
/// </summary>
public sealed class TeamDirectory(OnePlaceDb db)
{
    /// <summary>The kind of service that runs NHS England's 2-hour urgent community response.</summary>
    public const string UrgentCommunityResponse = "urgent_community_response";

    public async Task<IReadOnlyList<TeamChoice>> TeamsAsync(CancellationToken cancellationToken = default) =>
        await (from t in db.Teams.AsNoTracking()
               join s in db.Services.AsNoTracking() on t.ServiceCode equals s.Code
               orderby s.Name, t.Name
               select new TeamChoice(t.Code, t.Name, s.Code, s.Name, s.Kind, s.Partner, t.LocalityCode))
            .ToListAsync(cancellationToken);

    /// <summary>The staff whose team is <paramref name="teamCode"/>, by name.</summary>
    public async Task<IReadOnlyList<TeamMember>> MembersAsync(string teamCode, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().Where(u => u.TeamCode == teamCode && u.UserName != null)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new TeamMember(u.UserName!, u.DisplayName))
            .ToListAsync(cancellationToken);

    /// <summary>The borough-wide team of a kind of service (e.g. urgent community response), if the directory has one.</summary>
    public Task<string?> BoroughWideTeamAsync(string serviceKind, CancellationToken cancellationToken = default) =>
        (from t in db.Teams.AsNoTracking()
         join s in db.Services.AsNoTracking() on t.ServiceCode equals s.Code
         where s.Kind == serviceKind && t.LocalityCode == null
         orderby t.Code
         select t.Code).FirstOrDefaultAsync(cancellationToken);
}
