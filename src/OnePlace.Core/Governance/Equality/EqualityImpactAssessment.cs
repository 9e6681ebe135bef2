namespace OnePlace.Core.Governance.Equality;

/// <summary>
/// An equality impact assessment (PRODUCT.md F2): a proposal's likely effect on people who share each protected
/// characteristic (Equality Act 2010, s.4, and the public sector equality duty, s.149) and on socio-economic
/// disadvantage (the Welsh socio-economic duty, in force since 31 March 2021), the evidence, the mitigation and the
/// decision, signed off. It is linked to what it assesses: a service change, or a version of the triage rules (whose
/// replay breakdown is attached as evidence).
/// </summary>
public sealed class EqualityImpactAssessment
{
    public int Id { get; set; }

    /// <summary><c>EQIA-001</c> onwards, never reused.</summary>
    public required string Reference { get; set; }

    public required string Title { get; set; }

    /// <summary>What is proposed and why.</summary>
    public required string Proposal { get; set; }

    public EqiaSubjectKind SubjectKind { get; set; }

    /// <summary>What is assessed: the service change's name, or the triage rules' version (<c>v3</c>).</summary>
    public required string Subject { get; set; }

    public required string Owner { get; set; }

    public EqiaStatus Status { get; set; }

    /// <summary>When the assessment must be decided: before the change goes live.</summary>
    public DateOnly DueBy { get; set; }

    public EqiaDecision? Decision { get; set; }
    public string? DecisionRationale { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAtUtc { get; set; }

    /// <summary>Why the assessment was raised by the system, if it was (a triage replay whose outcome differed by group).</summary>
    public string? RaisedBecause { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

public enum EqiaSubjectKind
{
    ServiceChange,
    TriageRules,
}

public enum EqiaStatus
{
    /// <summary>Being written; the change it assesses should not go live.</summary>
    Draft,

    /// <summary>Written and waiting for a decision.</summary>
    AwaitingSignOff,

    /// <summary>Decided and signed off.</summary>
    SignedOff,
}

/// <summary>The four outcomes of an assessment in the Equality and Human Rights Commission's guidance.</summary>
public enum EqiaDecision
{
    /// <summary>No major change needed: no potential for discrimination or adverse impact was found.</summary>
    NoMajorChange,

    /// <summary>Adjust the proposal to remove barriers or better promote equality.</summary>
    Adjust,

    /// <summary>Continue despite a potential adverse impact, with the justification recorded.</summary>
    Continue,

    /// <summary>Stop and remove the proposal: unlawful discrimination, or adverse impact that cannot be justified.</summary>
    Stop,
}

/// <summary>The characteristics every assessment considers: the nine protected by the Equality Act 2010, s.4, then
/// socio-economic disadvantage (deprivation) and carers, which partnerships assess alongside them.</summary>
public enum Characteristic
{
    Age,
    Disability,
    GenderReassignment,
    MarriageAndCivilPartnership,
    PregnancyAndMaternity,
    Race,
    ReligionOrBelief,
    Sex,
    SexualOrientation,
    SocioEconomicDeprivation,
    Carers,
}

public enum EqiaImpact
{
    NotYetAssessed,
    Positive,
    Neutral,
    Negative,
}

/// <summary>The assessment for one characteristic: the likely impact, what it rests on and what will reduce it.</summary>
public sealed class EqiaCharacteristicAssessment
{
    public int EqiaId { get; set; }
    public Characteristic Characteristic { get; set; }
    public EqiaImpact Impact { get; set; }
    public string Evidence { get; set; } = "";
    public string Mitigation { get; set; } = "";
}

/// <summary>A piece of evidence attached to an assessment: a note, or a triage replay's breakdown by group (JSON of
/// the replay's groups), attached by the replay itself.</summary>
public sealed class EqiaEvidence
{
    public int Id { get; set; }
    public int EqiaId { get; set; }
    public EqiaEvidenceKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTime AddedAtUtc { get; set; }
    public required string AddedBy { get; set; }
}

public enum EqiaEvidenceKind
{
    Note,
    TriageReplay,
}
