using OnePlace.Analytics.Spc;

namespace OnePlace.Analytics.Indicators;

/// <summary>How an indicator's value is calculated from its numerator and denominator (ADR 0009 names the methods).</summary>
public enum IndicatorStatistic
{
    /// <summary>Numerator rows over denominator rows with Wilson limits (a percentage with multiplier 100).</summary>
    Proportion,

    /// <summary>Events per population with exact Poisson limits below 10 events and Byar's from 10.</summary>
    CrudeRate,

    /// <summary>Events per population directly standardised to the European Standard Population 2013 (Dobson limits).</summary>
    Dsr,

    /// <summary>The mean of a value over the denominator's rows, with Student's t limits.</summary>
    Mean,
}

/// <summary>What rows a numerator or denominator counts.</summary>
public enum IndicatorSource
{
    /// <summary>Care events from every partner, each dated into a period by one of its dates.</summary>
    Events,

    /// <summary>Referrals to the Single Point of Access, dated by when they were received.</summary>
    Referrals,

    /// <summary>The people alive on the period's census date (its middle day), as a mid-year estimate is.</summary>
    People,
}

/// <summary>One side of an indicator: which rows, which of them, how each is dated into a period and what each adds.</summary>
/// <param name="From">The rows; null on a numerator that takes a subset of its denominator's rows.</param>
/// <param name="Where">A SQL condition over the row's columns (docs/indicators.md lists them), or null for all rows.</param>
/// <param name="Date">The date column that places an event in a period (start_date or end_date).</param>
/// <param name="Value">A SQL expression each row adds (1 when null): bed days, hours, a length of stay.</param>
public sealed record IndicatorPart(IndicatorSource? From, string? Where, string? Date, string? Value);

/// <summary>A target in the indicator's unit and which side of it is met (from the polarity).</summary>
public sealed record IndicatorTarget(double Value, string? Source);

/// <summary>
/// An indicator of the outcomes framework, read from a versioned file in <c>indicators/</c> (PRODUCT.md D1): what it
/// measures and for whom, how it is calculated, which way is better, its target, the breakdowns it is published by and
/// where its data come from.
/// </summary>
public sealed record IndicatorDefinition(
    string Id,
    int Version,
    string Title,
    string Definition,
    string Domain,
    IndicatorStatistic Statistic,
    double Multiplier,
    string Unit,
    Polarity Polarity,
    IndicatorTarget? Target,
    string? Population,
    IndicatorPart Numerator,
    IndicatorPart Denominator,
    IReadOnlyList<Breakdown> Breakdowns,
    string Source,
    string? Reference,
    string File)
{
    /// <summary>Whether the numerator counts its own rows (a rate: events over people) rather than a subset of the
    /// denominator's rows (a proportion or a mean).</summary>
    public bool SeparateNumerator => Numerator.From is not null;
}

/// <summary>A way of dividing the population that every indicator can be published by (PRODUCT.md D3).</summary>
public enum Breakdown
{
    Overall,
    Locality,
    DeprivationQuintile,
    AgeGroup,
    Sex,
    EthnicGroup,
}

public static class Breakdowns
{
    /// <summary>The breakdowns below the whole population, in the order they are shown.</summary>
    public static readonly IReadOnlyList<Breakdown> All =
        [Breakdown.Locality, Breakdown.DeprivationQuintile, Breakdown.AgeGroup, Breakdown.Sex, Breakdown.EthnicGroup];

    /// <summary>The name used in files and outputs.</summary>
    public static string Name(this Breakdown breakdown) => breakdown switch
    {
        Breakdown.Overall => "overall",
        Breakdown.Locality => "locality",
        Breakdown.DeprivationQuintile => "imd_quintile",
        Breakdown.AgeGroup => "age_group",
        Breakdown.Sex => "sex",
        Breakdown.EthnicGroup => "ethnic_group",
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown)),
    };

    /// <summary>The heading shown to people.</summary>
    public static string Title(this Breakdown breakdown) => breakdown switch
    {
        Breakdown.Overall => "Whole population",
        Breakdown.Locality => "Locality",
        Breakdown.DeprivationQuintile => "Deprivation quintile (1 = most deprived)",
        Breakdown.AgeGroup => "Age group",
        Breakdown.Sex => "Sex",
        Breakdown.EthnicGroup => "Ethnic group",
        _ => throw new ArgumentOutOfRangeException(nameof(breakdown)),
    };

    public static Breakdown? Parse(string name) => All.Cast<Breakdown?>().FirstOrDefault(b => b!.Value.Name() == name);
}
