namespace OnePlace.Web.Features.SignIn;

/// <summary>
/// How long a staff session lasts (configuration section <c>Security:Session</c>), documented as ASVS 5.0 7.1.1 asks:
/// a session ends after <see cref="IdleTimeout"/> without a request (sliding), and in any case
/// <see cref="AbsoluteTimeout"/> after sign-in (7.3.1, 7.3.2). Every <see cref="StampCheckInterval"/> the session is
/// checked against the account's security stamp, so a disabled account or a reset password ends sessions already
/// open within that interval (7.4.2).
/// </summary>
public sealed class SessionSettings
{
    public const string Section = "Security:Session";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(10);

    public TimeSpan StampCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Who must use a second factor (configuration <c>Security:RequireMfa</c>): <c>all</c>, or a comma-separated list of
/// roles, or nothing. A member of staff who must and has not yet set up an authenticator app is sent to do so at their
/// next sign-in, and can reach nothing else until they have (ASVS 5.0 6.3.3).
/// </summary>
public sealed class MfaRequirement
{
    public const string Setting = "Security:RequireMfa";

    private readonly bool all;
    private readonly HashSet<string> roles;

    public MfaRequirement(string? setting)
    {
        var parts = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        all = parts.Any(p => p.Equals("all", StringComparison.OrdinalIgnoreCase));
        roles = new HashSet<string>(parts, StringComparer.OrdinalIgnoreCase);
    }

    public bool AppliesTo(IEnumerable<string> userRoles) => all || userRoles.Any(roles.Contains);
}
