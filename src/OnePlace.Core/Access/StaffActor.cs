using OnePlace.Core.Staff;

namespace OnePlace.Core.Access;

/// <summary>
/// The member of staff on whose behalf person data is read: who they are (for the audit log) and which roles
/// they hold (for the access check). Built by the host from the signed-in user; Core never sees HTTP.
/// </summary>
public sealed record StaffActor(string UserId, string UserName, IReadOnlyCollection<string> Roles)
{
    /// <summary>The name written to the audit log's Actor column.</summary>
    public string AuditName => UserName;

    /// <summary>True when the actor's work is the care of individuals (<see cref="StaffRoles.DirectCare"/>).</summary>
    public bool HasDirectCareRole => Roles.Any(r => StaffRoles.DirectCare.Contains(r));

    /// <summary>True for a data steward, who alone reviews links and merges or unmerges people.</summary>
    public bool IsDataSteward => Roles.Contains(StaffRoles.DataSteward);
}
