using System.Diagnostics.CodeAnalysis;

namespace OnePlace.Core.Access;

/// <summary>
/// What a member of staff (or a client system) may do, named in the partnership's words. Roles grant permissions
/// only through <see cref="PermissionMatrix"/>; code asks <see cref="StaffActor.May"/>, never which role someone holds
/// (OWASP ASVS 5.0 V8.1.1: the authorisation rules are documented in one place, docs/security/permissions.md).
/// A permission to read person data is necessary, not sufficient: the record also needs a legitimate relationship or
/// break-glass (<see cref="LegitimateRelationships"/>).
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A permission is what the type is: the domain's word.")]
public enum Permission
{
    /// <summary>Search the person index by name, birth date or NHS number (audited; as NHS Spine PDS tracing).</summary>
    SearchPeople,

    /// <summary>Open a person's record for their direct care, with a legitimate relationship or break-glass.</summary>
    OpenPersonRecord,

    /// <summary>Open a person's record for data quality only (identity and linked records), with no relationship.</summary>
    OpenPersonRecordForDataQuality,

    /// <summary>Open a record without a relationship in an emergency, giving a reason; the privacy officer is alerted.</summary>
    BreakGlass,

    /// <summary>See sensitive entries on a timeline (sexual health, termination, assisted conception, gender
    /// reassignment, safeguarding); others see only that some entries are withheld.</summary>
    ViewSensitiveCategories,

    /// <summary>Make a referral through the web form.</summary>
    MakeReferrals,

    /// <summary>Send referrals as a registered client system (API, FHIR), and read back only what it sent.</summary>
    SendReferralsAsClientSystem,

    /// <summary>Run the Single Point of Access queue: read the referrals in it, route, decline, cancel, pause, resume.</summary>
    TriageReferrals,

    /// <summary>Read and act on the referrals a team holds (accept, allocate, hand over, close) for one's own team.</summary>
    ActOnTeamReferrals,

    /// <summary>Start and change care plans, goals and tasks of one's own team's referrals.</summary>
    PlanCare,

    /// <summary>Make a case-finding MDT list of identifiable people for one's own team.</summary>
    MakeCaseFindingLists,

    /// <summary>Build cohorts and see their counts (aggregates, small numbers withheld).</summary>
    BuildCohorts,

    /// <summary>See the outcome dashboards and the 2-hour response standard (aggregates, small numbers withheld).</summary>
    ViewAggregateOutcomes,

    /// <summary>See the pooled fund ledger.</summary>
    ViewPooledFund,

    /// <summary>Change the pooled fund ledger.</summary>
    ChangePooledFund,

    /// <summary>Run and save planning scenarios and appraisals (aggregate activity and money).</summary>
    RunScenarios,

    /// <summary>Review record links, merge and unmerge people in the person index.</summary>
    StewardPersonIndex,

    /// <summary>Import the National Data Opt-out list.</summary>
    ImportOptOuts,

    /// <summary>Read the audit log and answer "who has looked at my record".</summary>
    ReviewAudit,

    /// <summary>Review break-glass alerts.</summary>
    ReviewBreakGlass,

    /// <summary>Create, change and disable staff accounts and client systems.</summary>
    ManageStaff,

    /// <summary>Edit the service directory and the triage rules.</summary>
    EditDirectory,

    /// <summary>See the risk register, equality impact assessments, the programme and the board pack (aggregates only).</summary>
    ViewGovernance,

    /// <summary>Keep the risk register, equality impact assessments and the programme.</summary>
    ChangeGovernance,

    /// <summary>Decide and sign off an equality impact assessment.</summary>
    SignOffEqualityImpact,
}
