namespace OnePlace.Linkage;

/// <summary>One level of one comparison with its Fellegi-Sunter probabilities.</summary>
/// <param name="M">P(level | the records are the same person), estimated by expectation maximisation.</param>
/// <param name="U">P(level | different people), estimated from random pairs.</param>
public sealed record ComparisonLevelParameters(string Field, string Level, double M, double U)
{
    /// <summary>The level's match weight, log2(m/u) (Fellegi and Sunter 1969).</summary>
    public double Weight => Math.Log2(M / U);
}

/// <summary>The trained Fellegi-Sunter model of a run, for diagnostics and the benchmark report.</summary>
/// <param name="Lambda">Prior probability that two random records are the same person.</param>
public sealed record LinkageModel(double Lambda, IReadOnlyList<ComparisonLevelParameters> Levels, int EmIterations, bool EmConverged)
{
    public double PriorWeight => Math.Log2(Lambda / (1 - Lambda));
}
