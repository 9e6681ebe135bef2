namespace OnePlace.Core.Governance.Risks;

/// <summary>
/// A risk on the partnership's register (PRODUCT.md F1), written as cause, event and effect ("because of …, … may
/// happen, leading to …"), scored 1–5 for likelihood and impact on the NHS 5×5 matrix three times: inherent (before
/// controls), current (with the controls in place) and target (once the actions are done). A board assurance framework
/// keeps the same three scores (research note A, CX9). Every change is kept as a <see cref="RiskRevision"/>.
/// </summary>
public sealed class Risk
{
    public int Id { get; set; }

    /// <summary>The register's reference, <c>R-001</c> onwards, never reused.</summary>
    public required string Reference { get; set; }

    public required string Title { get; set; }
    public required string Cause { get; set; }
    public required string Event { get; set; }
    public required string Effect { get; set; }
    public RiskCategory Category { get; set; }

    /// <summary>Who owns the risk: a name and role as the register prints it (for example "Director of Finance").</summary>
    public required string Owner { get; set; }

    public int InherentLikelihood { get; set; }
    public int InherentImpact { get; set; }
    public int CurrentLikelihood { get; set; }
    public int CurrentImpact { get; set; }
    public int TargetLikelihood { get; set; }
    public int TargetImpact { get; set; }

    /// <summary>The controls already in place, one per line.</summary>
    public string Controls { get; set; } = "";

    public RiskStatus Status { get; set; }

    /// <summary>How often the owner reviews the risk; the next review is due this many days after the last.</summary>
    public int ReviewEveryDays { get; set; } = 30;

    public DateOnly NextReviewDue { get; set; }
    public DateTime? LastReviewedAtUtc { get; set; }
    public string? LastReviewedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>Optimistic concurrency: a change made against an older version is refused.</summary>
    public int Version { get; set; }

    public int InherentScore => InherentLikelihood * InherentImpact;
    public int CurrentScore => CurrentLikelihood * CurrentImpact;
    public int TargetScore => TargetLikelihood * TargetImpact;
}

/// <summary>What kind of risk it is, as partnership registers group them.</summary>
public enum RiskCategory
{
    Strategic,
    Financial,
    Operational,
    QualityAndSafety,
    Workforce,
    Reputational,
    InformationGovernance,
}

public enum RiskStatus
{
    Open,
    Closed,
}

/// <summary>An action that will bring the risk to its target score: who, by when, and whether it is done.</summary>
public sealed class RiskAction
{
    public int Id { get; set; }
    public int RiskId { get; set; }
    public required string Description { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public DateOnly? CompletedOn { get; set; }
}

/// <summary>An outcomes framework indicator the risk is watched by (a key risk indicator): a special-cause signal of
/// concern or a missed target on it puts the risk up for review.</summary>
public sealed class RiskIndicatorLink
{
    public int RiskId { get; set; }
    public required string IndicatorId { get; set; }
}

/// <summary>
/// One change to a risk: who, when, what changed in words, and the whole risk after it (JSON, as <see cref="Risk"/>
/// with its actions and indicators), so the register's history can be read back to any date.
/// </summary>
public sealed class RiskRevision
{
    public long Id { get; set; }
    public int RiskId { get; set; }

    /// <summary>1 for the risk as first recorded, then one more for each change.</summary>
    public int Number { get; set; }

    public DateTime ChangedAtUtc { get; set; }
    public required string ChangedBy { get; set; }
    public required string Summary { get; set; }
    public required string Snapshot { get; set; }
}
