namespace OnePlace.Core.CaseFinding;

/// <summary>
/// A case-finding list (PRODUCT.md B5 and C3): the people a cohort of the analytical store found, made an MDT list of a
/// team in the Single Point of Access. Making it gives the team a legitimate relationship with each member (a
/// <see cref="Access.CareRelationship"/> whose basis is this list, docs/adr/0014); closing it ends them. The criteria
/// are kept in words, with the date of the measures they were run on, so that everyone who opens the list knows why
/// each person is on it.
/// </summary>
public sealed class CaseFindingList
{
    public Guid Id { get; set; }

    /// <summary>The cohort's criteria in words, e.g. "locality N; frailty severe; 2 or more emergency admissions in 12 months; no shared care plan".</summary>
    public required string Criteria { get; set; }

    /// <summary>The locality the cohort was drawn from.</summary>
    public required string LocalityCode { get; set; }

    /// <summary>The team whose MDT list it is, and which holds the relationships it made.</summary>
    public required string TeamCode { get; set; }

    /// <summary>The date of the person measures the cohort ran on (<c>person_measure.as_of</c>).</summary>
    public DateOnly MeasuresAsOf { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Members { get; set; }

    public DateTime? ClosedAtUtc { get; set; }
    public string? ClosedBy { get; set; }
    public string? CloseReason { get; set; }

    public bool IsOpen => ClosedAtUtc is null;
}

/// <summary>
/// A person on a case-finding list, with the measures that put them on it as they stood at the list's measures date:
/// the list shows why each person was found without going back to the analytical store.
/// </summary>
public sealed class CaseFindingMember
{
    public long Id { get; set; }
    public Guid ListId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>1 for the person most in need (highest risk, then most admissions, then most eFI deficits).</summary>
    public int Position { get; set; }

    /// <summary>The eFI category: fit, mild, moderate or severe (Clegg et al. 2016).</summary>
    public required string Frailty { get; set; }

    public int EfiDeficits { get; set; }
    public int EmergencyAdmissions12Months { get; set; }
    public int Segment { get; set; }
    public required string SegmentName { get; set; }

    /// <summary>The 12-month emergency admission risk, when the model had scored the person.</summary>
    public double? Risk12Months { get; set; }
}

/// <summary>Audit actions of case finding, one row per person (ARCHITECTURE.md security baseline).</summary>
public static class CaseFindingAuditAction
{
    /// <summary>A person put on a case-finding list: their team now has a legitimate relationship with them.</summary>
    public const string Added = "case_finding.added";

    /// <summary>A person shown on a case-finding list: their name and NHS number were seen.</summary>
    public const string Listed = "case_finding.listed";

    /// <summary>A case-finding list closed: the relationship it gave its team with the person ended.</summary>
    public const string Closed = "case_finding.closed";
}
