namespace OnePlace.Synthetic;

/// <summary>What to generate: which borough's shape, how many people, and the seed that makes it reproducible.</summary>
public sealed record GeneratorOptions(string Profile = "walsall", int People = 50_000, int Seed = 1)
{
    /// <summary>
    /// Events cover the three years ending on this date (a fixed date, never the clock, so output is reproducible).
    /// </summary>
    public DateOnly PeriodEnd { get; init; } = new(2026, 3, 31);
}

/// <summary>What was written: the number of people and the data rows (header excluded) of each file.</summary>
/// <param name="People">People in the synthetic population.</param>
/// <param name="RowsByFile">Keyed by the path relative to the output folder, e.g. <c>gp/events.csv</c>.</param>
public sealed record GenerationSummary(int People, IReadOnlyDictionary<string, int> RowsByFile);

/// <summary>Progress of one stage of generation (e.g. "people", "events", "writing gp").</summary>
public sealed record GenerationProgress(string Stage, int Done, int Total);
