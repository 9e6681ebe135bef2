using System.Security.Claims;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Access;

/// <summary>
/// The member of staff (or registered client system) on whose behalf person data is read: who they are (for the
/// audit log), which roles they hold and which team they work in (for the access check). Built by the host from the
/// signed-in user or the bearer token; Core never sees HTTP.
/// </summary>
public sealed record StaffActor(string UserId, string UserName, IReadOnlyCollection<string> Roles, string? TeamCode = null)
{
    /// <summary>The name written to the audit log's Actor column.</summary>
    public string AuditName => UserName;

    /// <summary>Whether one of the actor's roles grants <paramref name="permission"/> (<see cref="PermissionMatrix"/>, the only
    /// place roles are turned into what someone may do).</summary>
    public bool May(Permission permission) => PermissionMatrix.AnyGrants(Roles, permission);

    /// <summary>The claim carrying a member of staff's team (<see cref="StaffUser.TeamCode"/>).</summary>
    public const string TeamClaim = "oneplace:team";

    /// <summary>The actor of a signed-in member of staff (cookie) or a client system (bearer token).</summary>
    public static StaffActor FromClaims(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.Identity?.Name ?? "",
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
        user.FindFirstValue(TeamClaim));

    /// <summary>True for a client system registered to send referrals (ApiClients), not a member of staff.</summary>
    public bool IsClientSystem => Roles.Contains(StaffRoles.ReferralClient);
}
