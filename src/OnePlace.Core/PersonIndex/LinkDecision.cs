namespace OnePlace.Core.PersonIndex;

/// <summary>
/// A data steward's decision on a pair of source records: the same person or not. Kept forever and passed to every
/// later linkage run, so that a person's judgement is never overturned by the model. The pair is stored with the
/// smaller record id first; the latest decision on a pair is the one that counts.
/// </summary>
public sealed class LinkDecision
{
    public long Id { get; set; }
    public long RecordIdA { get; set; }
    public long RecordIdB { get; set; }
    public bool IsMatch { get; set; }
    public required string Actor { get; set; }
    public DateTime DecidedAtUtc { get; set; }
    public required string Reason { get; set; }
}
