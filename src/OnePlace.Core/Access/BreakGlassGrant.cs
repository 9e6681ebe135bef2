namespace OnePlace.Core.Access;

/// <summary>
/// Access to one person's record given to one member of staff who had no legitimate relationship, on their own
/// word, for a limited time: the NHS Care Identity Service's "emergency access" model, in which the user states a
/// reason, the access is logged and the privacy officer reviews it afterwards. The grant and its audit row are saved
/// in one transaction; the privacy officer's review is recorded on the same row and audited too.
/// </summary>
public sealed class BreakGlassGrant
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The member of staff's user name, as the audit log names them.</summary>
    public required string Actor { get; set; }

    /// <summary>One of <see cref="BreakGlassReason.All"/>.</summary>
    public required string Reason { get; set; }

    public required string Justification { get; set; }
    public DateTime GrantedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }

    /// <summary>One of <see cref="BreakGlassOutcome.All"/> once reviewed.</summary>
    public string? ReviewOutcome { get; set; }

    public string? ReviewNote { get; set; }

    public bool IsReviewed => ReviewedAtUtc is not null;
}

/// <summary>Why a member of staff broke the glass: a fixed list, so the privacy officer can count and compare.</summary>
public static class BreakGlassReason
{
    /// <summary>The person needs care now and the relationship is not yet recorded (e.g. out of hours, cover).</summary>
    public const string UrgentCare = "urgent-care";

    /// <summary>A concern for the person's safety, or another's, that cannot wait.</summary>
    public const string SafeguardingConcern = "safeguarding-concern";

    /// <summary>Covering a colleague or another team whose relationship has not been shared.</summary>
    public const string CoveringColleague = "covering-colleague";

    /// <summary>The person or their representative asked this member of staff for help with their care.</summary>
    public const string PersonAskedForHelp = "person-asked";

    public static readonly IReadOnlyList<string> All = [UrgentCare, SafeguardingConcern, CoveringColleague, PersonAskedForHelp];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>What the privacy officer found on review.</summary>
public static class BreakGlassOutcome
{
    public const string Justified = "justified";
    public const string ReferredForInvestigation = "referred-for-investigation";

    public static readonly IReadOnlyList<string> All = [Justified, ReferredForInvestigation];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
