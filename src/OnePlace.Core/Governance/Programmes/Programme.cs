namespace OnePlace.Core.Governance.Programmes;

/// <summary>
/// A transformation programme (PRODUCT.md F3), in phases as the Powys "in One Place" programme ran: assessment,
/// implementation, benefits realisation. Its benefits are measured by outcomes framework indicators, so their
/// realisation is read from the data rather than reported by hand.
/// </summary>
public sealed class Programme
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Owner { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}

public sealed class ProgrammePhase
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }

    /// <summary>The phase's place in the programme, 1 first.</summary>
    public int Order { get; set; }

    public required string Name { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
}

/// <summary>A milestone of a phase: who delivers it, by when, and how it stands (RAG as programme boards report it).</summary>
public sealed class Milestone
{
    public int Id { get; set; }
    public int PhaseId { get; set; }
    public required string Title { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public MilestoneStatus Status { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? Note { get; set; }
}

public enum MilestoneStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Complete,
}

/// <summary>
/// A benefit the programme promises, measured by an indicator: from its baseline value to a target value by a date.
/// Realisation is the indicator's latest value against that line (computed, never typed in).
/// </summary>
public sealed class Benefit
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public required string Title { get; set; }
    public required string Owner { get; set; }

    /// <summary>The outcomes framework indicator that measures the benefit.</summary>
    public required string IndicatorId { get; set; }

    public double Baseline { get; set; }
    public DateOnly BaselineDate { get; set; }
    public double Target { get; set; }
    public DateOnly TargetDate { get; set; }
}
