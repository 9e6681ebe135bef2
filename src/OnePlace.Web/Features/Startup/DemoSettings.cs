using OnePlace.Synthetic.Demo;

namespace OnePlace.Web.Features.Startup;

/// <summary>
/// <c>OnePlace:DemoMode</c> and <c>OnePlace:Demo:*</c>. In demo mode the host loads a synthetic borough and creates
/// demo staff accounts; it is off unless configured (appsettings.Development.json turns it on).
/// </summary>
public sealed class DemoSettings
{
    public const string DemoModeKey = "OnePlace:DemoMode";
    public const string SectionKey = "OnePlace:Demo";

    public bool Enabled { get; set; }

    public string Profile { get; set; } = "walsall";

    public int People { get; set; } = 50_000;

    public int Seed { get; set; } = 20260401;

    /// <summary>The password of every demo account: from configuration if set, otherwise made anew at each start.</summary>
    public string? Password { get; set; }

    /// <summary>A random password that meets the sign-in policy (12+ characters, mixed case, digits, a symbol).</summary>
    public static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var random = System.Security.Cryptography.RandomNumberGenerator.GetString(letters, 12);
        return $"Demo-{random}-7a";
    }

    public DemoBoroughOptions BoroughOptions => new(Profile, People, Seed);

    public static DemoSettings From(IConfiguration configuration)
    {
        var settings = new DemoSettings();
        configuration.GetSection(SectionKey).Bind(settings);
        settings.Enabled = configuration.GetValue<bool>(DemoModeKey);
        return settings;
    }
}

/// <summary>The demo staff accounts: one per kind of user PRODUCT.md describes.</summary>
public static class DemoAccounts
{
    /// <param name="TeamServiceKind">For staff who work in a team: the kind of service whose borough-wide team they
    /// join, looked up in the demo borough's directory at start-up, so that their worklist is their team's.</param>
    public sealed record DemoAccount(string Email, string DisplayName, string Role, string Organisation, string? TeamServiceKind = null);

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("coordinator@oneplace.demo", "Sam Coordinator", Core.Staff.StaffRoles.SpaCoordinator, "Single Point of Access"),
        new("practitioner@oneplace.demo", "Priya Practitioner", Core.Staff.StaffRoles.Practitioner, "Urgent Community Response", Core.Services.TeamDirectory.UrgentCommunityResponse),
        new("manager@oneplace.demo", "Morgan Manager", Core.Staff.StaffRoles.TeamManager, "Urgent Community Response", Core.Services.TeamDirectory.UrgentCommunityResponse),
        new("analyst@oneplace.demo", "Alex Analyst", Core.Staff.StaffRoles.Analyst, "Population health"),
        new("steward@oneplace.demo", "Dana Steward", Core.Staff.StaffRoles.DataSteward, "Information governance"),
        new("finance@oneplace.demo", "Frankie Finance", Core.Staff.StaffRoles.FinanceLead, "Walsall Healthcare NHS Trust (pooled fund host)"),
        new("programme@oneplace.demo", "Robin Programme", Core.Staff.StaffRoles.ProgrammeOffice, "Walsall Together programme office"),
        new("board@oneplace.demo", "Bea Board", Core.Staff.StaffRoles.BoardMember, "Walsall Together partnership board"),
        new("privacy@oneplace.demo", "Pat Privacy", Core.Staff.StaffRoles.PrivacyOfficer, "Information governance (Caldicott guardian's office)"),
        new("admin@oneplace.demo", "Ari Administrator", Core.Staff.StaffRoles.Administrator, "OnePlace service desk"),
    ];
}
