namespace OnePlace.Core.PersonIndex;

/// <summary>
/// An open question for a data steward from the latest linkage run: two records, of two different people, that may
/// be the same person (an uncertain probability, or a strong link between two people the run may not merge by
/// itself). The queue is replaced by each run; a decided pair leaves it.
/// </summary>
public sealed class LinkReviewPair
{
    public long Id { get; set; }
    public long RecordIdA { get; set; }
    public long RecordIdB { get; set; }
    public double Probability { get; set; }
    public double MatchWeight { get; set; }

    /// <summary>JSON of the per-field contributions (<see cref="LinkExplanation"/>).</summary>
    public required string Explanation { get; set; }

    public DateTime FoundAtUtc { get; set; }
}
