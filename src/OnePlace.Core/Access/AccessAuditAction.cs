namespace OnePlace.Core.Access;

/// <summary>Audit actions the access check writes in addition to those of <see cref="Audit.AuditAction"/>.</summary>
public static class AccessAuditAction
{
    /// <summary>A member of staff asked to open or search records and was refused; data stewards review these.</summary>
    public const string ViewDenied = "person.view_denied";
}
