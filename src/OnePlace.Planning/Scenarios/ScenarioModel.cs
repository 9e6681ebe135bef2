using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Sampling;

namespace OnePlace.Planning.Scenarios;

/// <summary>
/// Everything a scenario run needs, checked (ScenarioFile reads and checks it from YAML; docs/scenarios.md):
/// the baseline cells, the settings catalogue, demography, growth, inflation, funding, efficiencies, interventions and
/// the named scenarios. Years are financial years named by the calendar year they start in (2018 = 2018/19); year 0
/// is the baseline year and the model runs every year to <see cref="HorizonYears"/> after it.
/// </summary>
public sealed record ScenarioModel
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required int BaselineYear { get; init; }

    /// <summary>1 to 10 years after the baseline year.</summary>
    public required int HorizonYears { get; init; }

    public required IReadOnlyList<BaselineRow> Baseline { get; init; }

    public required IReadOnlyList<Partner> Partners { get; init; }

    public required IReadOnlyList<Setting> Settings { get; init; }

    public required Demography Demography { get; init; }

    /// <summary>Annual non-demographic growth rate per setting id (settings not named grow by demography only).</summary>
    public IReadOnlyDictionary<string, Interval> NonDemographicGrowth { get; init; } = new Dictionary<string, Interval>();

    public IReadOnlyList<InflationIndex> Inflation { get; init; } = [];

    public IReadOnlyList<Funding> Funding { get; init; } = [];

    public IReadOnlyList<Efficiency> Efficiencies { get; init; } = [];

    public IReadOnlyList<Intervention> Interventions { get; init; } = [];

    /// <summary>The named scenarios; "do nothing" is always run as well and is not listed here.</summary>
    public IReadOnlyList<NamedScenario> Scenarios { get; init; } = [];

    /// <summary>Where the model came from (a file path), for messages and the reproducibility record.</summary>
    public string? Source { get; init; }

    public int Year(int t) => BaselineYear + t;

    public static string FinancialYear(int year) => $"{year}/{(year + 1) % 100:00}";
}

public sealed record Partner(string Id, string Name);

/// <summary>A setting of care: its unit, the partner that pays for it, an optional unit cost that overrides the
/// baseline's cost ÷ activity (at the baseline year's prices), and the inflation index its costs follow.</summary>
public sealed record Setting(string Id, string Name, string Unit, string Partner, UnitCost? UnitCost = null, string? Inflation = null);

public sealed record UnitCost(double Value, string? PriceYear = null, string? Source = null);

/// <summary>The projection and, optionally, the weights of its variants: each run draws one variant with these
/// weights, and the midpoint run uses the most probable (the NHP's method, D_demand_finance §1.2).</summary>
public sealed record Demography(PopulationProjection Projection, IReadOnlyDictionary<string, double> VariantWeights);

/// <summary>An annual inflation rate, applied from the year after the baseline year.</summary>
public sealed record InflationIndex(string Id, string Name, Interval Rate);

/// <summary>A partner's funding in the baseline year and its annual growth.</summary>
public sealed record Funding(string Partner, double Baseline, Interval Growth);

/// <summary>
/// An efficiency: either a cost improvement programme (CIP) cutting a partner's unit costs by an annual share from a
/// year, or a length-of-stay factor on a setting's units (bed days) reached by a phasing profile (§4.3 equation 9).
/// </summary>
public sealed record Efficiency(string Id, string Name)
{
    /// <summary>The partner whose unit costs the CIP cuts, or null for every partner.</summary>
    public string? Partner { get; init; }

    /// <summary>Annual share of unit cost saved, compounding from <see cref="Phasing"/>'s start year.</summary>
    public Interval? Cip { get; init; }

    public string? LosSetting { get; init; }

    /// <summary>Share of bed days kept at full effect.</summary>
    public Interval? LosFactor { get; init; }

    public required Phasing Phasing { get; init; }
}

/// <summary>
/// An intervention: a cohort of cells and settings; the share of their activity avoided at full effect; its phasing;
/// where the avoided activity goes (each receiving setting with units received per unit avoided); and the scheme's
/// cost to its owner (fixed £ a year from its start year plus £ per unit avoided, at baseline-year prices).
/// </summary>
public sealed record Intervention(string Id, string Name)
{
    public required Cohort Cohort { get; init; }

    public required Interval ShareAvoided { get; init; }

    public required Phasing Phasing { get; init; }

    public IReadOnlyList<Shift> Receives { get; init; } = [];

    public double FixedCostPerYear { get; init; }

    public double CostPerUnitAvoided { get; init; }

    public string? Owner { get; init; }
}

/// <summary>Units of <see cref="Setting"/> received in the same cell per unit of activity avoided.</summary>
public sealed record Shift(string Setting, Interval PerUnitAvoided);

/// <summary>Which baseline rows an intervention acts on: settings (required) and, when given, localities, ages
/// (by a band's lower age), sexes and deprivation quintiles.</summary>
public sealed record Cohort(IReadOnlyList<string> Settings)
{
    public IReadOnlyList<string> Localities { get; init; } = [];

    public int? AgeFrom { get; init; }

    public int? AgeTo { get; init; }

    public IReadOnlyList<string> Sexes { get; init; } = [];

    public IReadOnlyList<string> Quintiles { get; init; } = [];

    public bool Contains(BaselineRow row, int lowerAge) =>
        Settings.Contains(row.Setting)
        && (Localities.Count == 0 || Localities.Contains(row.Locality))
        && (AgeFrom is not { } from || lowerAge >= from)
        && (AgeTo is not { } to || lowerAge <= to)
        && (Sexes.Count == 0 || Sexes.Contains(row.Sex))
        && (Quintiles.Count == 0 || Quintiles.Contains(row.DeprivationQuintile));
}

/// <summary>A named scenario: the interventions and efficiencies it switches on.</summary>
public sealed record NamedScenario(string Id, string Title, IReadOnlyList<string> Interventions, IReadOnlyList<string> Efficiencies);

public enum PhasingProfile
{
    Linear,
    Front,
    Back,
    Step,
}

/// <summary>
/// How much of an effect applies in a year (§4.3 equation 5): none before <see cref="Start"/>; rising to full at
/// <see cref="Full"/> along the profile (u = share of the years from start to full that have begun; linear u,
/// front-loaded 1−(1−u)², back-loaded u²); step: full from <see cref="Start"/>.
/// </summary>
public sealed record Phasing(int Start, int Full, PhasingProfile Profile)
{
    public double Fraction(int year)
    {
        if (year < Start)
        {
            return 0;
        }

        if (Profile == PhasingProfile.Step || year >= Full)
        {
            return 1;
        }

        double u = (year - Start + 1.0) / (Full - Start + 1.0);
        return Profile switch
        {
            PhasingProfile.Front => 1 - ((1 - u) * (1 - u)),
            PhasingProfile.Back => u * u,
            _ => u,
        };
    }
}
