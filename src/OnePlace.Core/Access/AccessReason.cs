namespace OnePlace.Core.Access;

/// <summary>
/// Why a member of staff is opening a person's records. The reason is recorded on every audit row so that a data
/// steward can see not only who looked, but why (Caldicott Principle 1: justify the purpose). The codes are
/// not identifying, so they may travel in a query string.
/// </summary>
public static class AccessReason
{
    public const string DirectCare = "direct-care";
    public const string ReferralTriage = "referral-triage";
    public const string Safeguarding = "safeguarding";
    public const string DataQuality = "data-quality";

    /// <summary>A privacy officer reviewing the audit log or answering "who has looked at my record". Not offered for
    /// opening records (it is not in <see cref="All"/>): the review reads the log about a person, never their record.</summary>
    public const string AuditReview = "audit-review";

    /// <summary>In the order they are offered; direct care first because it is the default.</summary>
    public static readonly IReadOnlyList<string> All = [DirectCare, ReferralTriage, Safeguarding, DataQuality];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
