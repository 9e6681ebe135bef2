namespace OnePlace.Linkage;

/// <summary>How much one field contributed to a pair's match weight (log2 of m/u, plus any term-frequency adjustment).</summary>
/// <param name="Field">nhs_number, given_name, family_name, date_of_birth, sex, postcode, address, phone, email.</param>
/// <param name="Level">The comparison level the pair fell in, in words ("exact", "nickname", "Jaro-Winkler ≥ 0.92", "missing" …).</param>
/// <param name="Weight">Match weight in bits; 0 when either side is missing.</param>
public sealed record FieldContribution(string Field, string Level, double Weight);

/// <summary>A scored pair of records (indices into the run's input) with the explanation of its score.</summary>
public sealed record ScoredPair(int A, int B, double MatchWeight, double Probability, double PriorWeight, IReadOnlyList<FieldContribution> Contributions);

/// <summary>Wall time per phase and the work done, for benchmarks and logs.</summary>
public sealed record LinkageTimings(
    TimeSpan Standardise,
    TimeSpan Blocking,
    TimeSpan Training,
    TimeSpan Scoring,
    TimeSpan Clustering,
    long CandidatePairs,
    int EmIterations);

/// <summary>The outcome of a run: which person each record belongs to, why, and the pairs a person should look at.</summary>
public sealed class LinkageResult
{
    internal LinkageResult(
        IReadOnlyList<LinkRecord> records,
        int[] clusterOfRecord,
        string?[] existingPersonOfCluster,
        ScoredPair?[] whyLinked,
        IReadOnlyList<ScoredPair> reviewPairs,
        LinkageModel model,
        LinkageTimings timings)
    {
        Records = records;
        ClusterOfRecord = clusterOfRecord;
        ExistingPersonOfCluster = existingPersonOfCluster;
        _whyLinked = whyLinked;
        ReviewPairs = reviewPairs;
        Model = model;
        Timings = timings;
    }

    private readonly ScoredPair?[] _whyLinked;

    public IReadOnlyList<LinkRecord> Records { get; }

    /// <summary>For each input record (by index), its cluster number, 0 .. <see cref="ClusterCount"/> − 1.</summary>
    public IReadOnlyList<int> ClusterOfRecord { get; }

    /// <summary>
    /// For each cluster, the person it continues: the existing person (<see cref="LinkageOptions.ExistingPeople"/>)
    /// if it has one, else its provisional person (<see cref="LinkageOptions.ProvisionalPeople"/>), else null for a
    /// new person. A provisional person whose records joined an existing person no longer appears.
    /// </summary>
    public IReadOnlyList<string?> ExistingPersonOfCluster { get; }

    public int ClusterCount => ExistingPersonOfCluster.Count;

    /// <summary>Pairs between different clusters worth a data steward's look, strongest first.</summary>
    public IReadOnlyList<ScoredPair> ReviewPairs { get; }

    public LinkageModel Model { get; }

    public LinkageTimings Timings { get; }

    /// <summary>The strongest scored link from this record to another record of its cluster; null for a record on its own.</summary>
    public ScoredPair? WhyLinked(int recordIndex) => _whyLinked[recordIndex];
}
