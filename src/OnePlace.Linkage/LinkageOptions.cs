namespace OnePlace.Linkage;

/// <summary>How a linkage run behaves. The defaults suit a partnership's master person index.</summary>
public sealed class LinkageOptions
{
    /// <summary>
    /// Match probability at or above which two records are joined. 0.95 is the operating point Splink's demos and
    /// NHS England's linkage use; a master person index prefers a missed link (which the review queue catches) to a
    /// false merge (which puts one person's care in another's record).
    /// </summary>
    public double Threshold { get; init; } = 0.95;

    /// <summary>Pairs from this probability up to <see cref="Threshold"/> that were not joined go to the review queue.</summary>
    public double ReviewThreshold { get; init; } = 0.5;

    /// <summary>Seed for the random pairs sampled to estimate u, so that every run on the same input is identical.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Incremental linking: record id → the person it already belongs to. These assignments are kept as they are
    /// (people are never renumbered); other records join them or form new people. Two existing people are never
    /// merged by a run: a strong link between them goes to the review queue for an explicit merge.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ExistingPeople { get; init; }

    /// <summary>
    /// Record id → a person made moments ago, in the same load, who may still join one existing person: someone
    /// first seen now with an NHS number, say, whom a partner already held without one. Their records stay together
    /// and take the existing person's key when they join one.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ProvisionalPeople { get; init; }

    /// <summary>Data stewards' decisions: a match joins the pair, a non-match keeps their people apart.</summary>
    public IReadOnlyCollection<PairDecision>? Decisions { get; init; }

    public IProgress<LinkageProgress>? Progress { get; init; }

    /// <summary>Worker threads for scoring; defaults to every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
