using System.Globalization;
using System.Text;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Access;

/// <summary>
/// The one table of which role may do what (PRODUCT.md G1; OWASP ASVS 5.0 V8.1.1 and V8.2.1). Least privilege:
/// administrators run accounts and configuration but read no person's record; analysts, the board, finance and the
/// programme office see aggregates with small numbers withheld; only direct-care roles read person data, and then
/// only with a legitimate relationship or break-glass. docs/security/permissions.md is written from this table
/// (<see cref="ToMarkdown"/>) and a test fails when the two differ.
/// </summary>
public static class PermissionMatrix
{
    private static readonly Dictionary<string, Permission[]> Table = new(StringComparer.Ordinal)
    {
        [StaffRoles.SpaCoordinator] =
        [
            Permission.SearchPeople, Permission.OpenPersonRecord, Permission.BreakGlass, Permission.MakeReferrals,
            Permission.TriageReferrals, Permission.ViewAggregateOutcomes,
        ],
        [StaffRoles.Practitioner] =
        [
            Permission.SearchPeople, Permission.OpenPersonRecord, Permission.BreakGlass, Permission.ViewSensitiveCategories,
            Permission.MakeReferrals, Permission.ActOnTeamReferrals, Permission.PlanCare, Permission.MakeCaseFindingLists,
            Permission.BuildCohorts, Permission.ViewAggregateOutcomes,
        ],
        [StaffRoles.TeamManager] =
        [
            Permission.SearchPeople, Permission.OpenPersonRecord, Permission.BreakGlass, Permission.ViewSensitiveCategories,
            Permission.MakeReferrals, Permission.ActOnTeamReferrals, Permission.PlanCare, Permission.MakeCaseFindingLists,
            Permission.BuildCohorts, Permission.ViewAggregateOutcomes,
        ],
        [StaffRoles.Analyst] = [Permission.BuildCohorts, Permission.ViewAggregateOutcomes, Permission.RunScenarios],
        [StaffRoles.FinanceLead] = [Permission.ViewAggregateOutcomes, Permission.ViewPooledFund, Permission.ChangePooledFund, Permission.RunScenarios],
        [StaffRoles.ProgrammeOffice] =
        [
            Permission.ViewAggregateOutcomes, Permission.ViewPooledFund, Permission.RunScenarios, Permission.ViewGovernance,
            Permission.ChangeGovernance,
        ],
        [StaffRoles.BoardMember] = [Permission.ViewAggregateOutcomes, Permission.ViewGovernance, Permission.SignOffEqualityImpact],
        [StaffRoles.DataSteward] =
        [
            Permission.SearchPeople, Permission.OpenPersonRecordForDataQuality, Permission.StewardPersonIndex, Permission.ImportOptOuts,
            Permission.ViewAggregateOutcomes,
        ],
        [StaffRoles.PrivacyOfficer] = [Permission.ImportOptOuts, Permission.ReviewAudit, Permission.ReviewBreakGlass, Permission.ViewAggregateOutcomes],
        [StaffRoles.Administrator] = [Permission.ManageStaff, Permission.EditDirectory, Permission.ViewAggregateOutcomes, Permission.ViewGovernance],
        [StaffRoles.ReferralClient] = [Permission.SendReferralsAsClientSystem],
    };

    /// <summary>Every role the matrix knows, staff roles first, in <see cref="StaffRoles.All"/>'s order.</summary>
    public static IReadOnlyList<string> Roles { get; } = [.. StaffRoles.All, StaffRoles.ReferralClient];

    /// <summary>Whether <paramref name="role"/> grants <paramref name="permission"/>; an unknown role grants nothing.</summary>
    public static bool Grants(string role, Permission permission) =>
        Table.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>Whether any of <paramref name="roles"/> grants <paramref name="permission"/>.</summary>
    public static bool AnyGrants(IEnumerable<string> roles, Permission permission) => roles.Any(r => Grants(r, permission));

    /// <summary>The permissions <paramref name="role"/> grants, in <see cref="Permission"/>'s order.</summary>
    public static IReadOnlyList<Permission> For(string role) =>
        [.. Enum.GetValues<Permission>().Where(p => Grants(role, p))];

    /// <summary>The matrix as docs/security/permissions.md holds it: a table of permissions by role.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# Permissions\n\n");
        text.Append("Written from `src/OnePlace.Core/Access/PermissionMatrix.cs` by `PermissionMatrixTests`; do not edit by hand:\n");
        text.Append("change the matrix and run `ONEPLACE_WRITE_PERMISSIONS=1 dotnet test tests/OnePlace.Core.Tests --filter PermissionMatrixTests`.\n\n");
        text.Append("A permission to read person data is necessary, not sufficient. Opening a person's record, a referral, a worklist or a\n");
        text.Append("case-finding list also needs a basis (checked for every endpoint and role by `EndpointWalkTests`):\n\n");
        text.Append("- an open legitimate relationship of the member of staff or their team: a referral their team accepted, an allocation, a\n");
        text.Append("  case-finding MDT list of their team (docs/adr/0014);\n");
        text.Append("- for an SPA coordinator, an open referral of the person (the SPA answers for its clock); for a team, a referral offered to it;\n");
        text.Append("- for a data steward, data quality only (the person's identity and linked records);\n");
        text.Append("- or break-glass: a reason from a fixed list and a justification, for a limited time, alerting the privacy officer.\n\n");
        text.Append("Search stays open to the roles with `SearchPeople`, as NHS Spine PDS tracing is, and every search is audited.\n");
        text.Append("Every read and every refusal writes audit rows (one per person touched) in the same transaction.\n\n");
        text.Append("| Permission |");
        foreach (var role in Roles)
        {
            text.Append(' ').Append(role).Append(" |");
        }

        text.Append("\n|---|");
        foreach (var _ in Roles)
        {
            text.Append(":-:|");
        }

        text.Append('\n');
        foreach (var permission in Enum.GetValues<Permission>())
        {
            text.Append("| ").Append(permission.ToString()).Append(" |");
            foreach (var role in Roles)
            {
                text.Append(Grants(role, permission) ? " ✓ |" : "  |");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{Enum.GetValues<Permission>().Length} permissions, {Roles.Count} roles.\n");
        return text.ToString();
    }
}
