using OnePlace.Core.Access;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Tests.Access;

/// <summary>The permission matrix and its published copy, docs/security/permissions.md, cannot drift apart.</summary>
public sealed class PermissionMatrixTests
{
    private static readonly Permission[] PersonData =
    [
        Permission.SearchPeople, Permission.OpenPersonRecord, Permission.OpenPersonRecordForDataQuality, Permission.BreakGlass,
        Permission.ViewSensitiveCategories, Permission.TriageReferrals, Permission.ActOnTeamReferrals, Permission.PlanCare,
        Permission.MakeCaseFindingLists,
    ];

    [Fact]
    public void The_published_matrix_is_the_matrix_in_the_code()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "security", "permissions.md");
        var expected = PermissionMatrix.ToMarkdown();
        if (Environment.GetEnvironmentVariable("ONEPLACE_WRITE_PERMISSIONS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run with ONEPLACE_WRITE_PERMISSIONS=1 to write it");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(StaffRoles.Administrator)]
    [InlineData(StaffRoles.Analyst)]
    [InlineData(StaffRoles.BoardMember)]
    [InlineData(StaffRoles.FinanceLead)]
    [InlineData(StaffRoles.ProgrammeOffice)]
    [InlineData(StaffRoles.PrivacyOfficer)]
    [InlineData(StaffRoles.ReferralClient)]
    public void Roles_outside_direct_care_read_no_person_data(string role)
    {
        Assert.Empty(PermissionMatrix.For(role).Intersect(PersonData));
    }

    [Fact]
    public void Administrators_manage_accounts_and_configuration()
    {
        var admin = new StaffActor("a", "admin@partnership.test", [StaffRoles.Administrator]);
        Assert.True(admin.May(Permission.ManageStaff) && admin.May(Permission.EditDirectory));
        Assert.False(admin.May(Permission.OpenPersonRecord) || admin.May(Permission.SearchPeople) || admin.May(Permission.BreakGlass));
    }

    [Fact]
    public void Every_permission_is_granted_to_some_role_and_an_unknown_role_grants_none()
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.Contains(PermissionMatrix.Roles, r => PermissionMatrix.Grants(r, permission));
        }

        Assert.Empty(PermissionMatrix.For("Superuser"));
        Assert.False(new StaffActor("x", "x", []).May(Permission.ViewAggregateOutcomes));
    }

    [Fact]
    public void Only_the_privacy_officer_reviews_break_glass_and_the_audit_log()
    {
        Assert.Equal([StaffRoles.PrivacyOfficer], PermissionMatrix.Roles.Where(r => PermissionMatrix.Grants(r, Permission.ReviewBreakGlass)));
        Assert.Equal([StaffRoles.PrivacyOfficer], PermissionMatrix.Roles.Where(r => PermissionMatrix.Grants(r, Permission.ReviewAudit)));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OnePlace.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OnePlace.slnx not found above " + AppContext.BaseDirectory);
    }
}
