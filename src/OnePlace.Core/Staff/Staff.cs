using Microsoft.AspNetCore.Identity;

namespace OnePlace.Core.Staff;

/// <summary>A member of staff who signs in to OnePlace.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string? Organisation { get; set; }

    /// <summary>The team the member of staff works in (practitioners and team managers): their default worklist,
    /// and the team whose referrals they may act on.</summary>
    public string? TeamCode { get; set; }
}

/// <summary>The roles of PRODUCT.md's "Who uses it".</summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string SpaCoordinator = "SpaCoordinator";
    public const string Practitioner = "Practitioner";
    public const string TeamManager = "TeamManager";
    public const string Analyst = "Analyst";
    public const string FinanceLead = "FinanceLead";
    public const string ProgrammeOffice = "ProgrammeOffice";
    public const string DataSteward = "DataSteward";

    /// <summary>A member of the partnership board: sees aggregated, suppressed figures and the board pack only.</summary>
    public const string BoardMember = "BoardMember";

    /// <summary>The Caldicott guardian's office: reviews the audit log and break-glass alerts, answers "who has looked
    /// at my record", and manages the National Data Opt-out list.</summary>
    public const string PrivacyOfficer = "PrivacyOfficer";

    /// <summary>Not a member of staff: a registered client system that sends referrals through the API or FHIR.</summary>
    public const string ReferralClient = "ReferralClient";

    public static readonly IReadOnlyList<string> All =
        [Administrator, SpaCoordinator, Practitioner, TeamManager, Analyst, FinanceLead, ProgrammeOffice, DataSteward, BoardMember, PrivacyOfficer];
}
