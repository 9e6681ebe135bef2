namespace OnePlace.Planning.Engine;

/// <summary>How many Monte Carlo runs, from which master seed, on how many threads. Results depend on the runs and
/// the seed only, never on the threads. Runs = 0 gives the midpoint ("what-if") run alone.</summary>
public sealed record RunSettings
{
    public const int DefaultRuns = 1000;

    public int Runs { get; init; } = DefaultRuns;

    public ulong Seed { get; init; } = 1;

    public int Threads { get; init; } = Environment.ProcessorCount;
}
