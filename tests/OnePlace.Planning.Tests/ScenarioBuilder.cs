using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Tests;

/// <summary>Builds scenario models for tests: a grid baseline of localities × age bands × sexes × quintiles ×
/// settings, two partners, and whatever growth, interventions and scenarios a test adds.</summary>
internal sealed class ScenarioBuilder
{
    public static readonly string[] AgeBands = ["0-4", "20-24", "45-49", "65-69", "75-79", "85-89", "90+"];

    private readonly List<Intervention> _interventions = [];
    private readonly List<Efficiency> _efficiencies = [];
    private readonly List<NamedScenario> _scenarios = [];
    private readonly Dictionary<string, Interval> _growth = new(StringComparer.Ordinal);
    private string[] _localities = ["North", "South"];
    private int _horizon = 10;
    private PopulationProjection? _projection;
    private Dictionary<string, double> _variants = new() { ["principal"] = 1 };

    public static readonly string[] Settings = ["emergency_admission", "emergency_bed_day", "outpatient_attendance", "community_contact", "reablement_episode", "home_care_hour"];

    public ScenarioBuilder Localities(params string[] localities)
    {
        _localities = localities;
        return this;
    }

    public ScenarioBuilder Horizon(int years)
    {
        _horizon = years;
        return this;
    }

    /// <summary>A population that does not change, so only the other factors move activity.</summary>
    public ScenarioBuilder StillPopulation()
    {
        var text = "variant,year,age_0_17,age_18_64,age_65_84,age_85_plus\n" + string.Concat(Enumerable.Range(2018, 26).Select(y => $"principal,{y},100,100,100,100\n"));
        _projection = PopulationProjection.Parse(new StringReader(text), "still");
        return this;
    }

    public ScenarioBuilder Variants(Dictionary<string, double> weights)
    {
        _variants = weights;
        return this;
    }

    public ScenarioBuilder Growth(string setting, Interval rate)
    {
        _growth[setting] = rate;
        return this;
    }

    public ScenarioBuilder Intervention(string id, Interval share, Phasing phasing, params Shift[] receives)
    {
        _interventions.Add(new Intervention(id, id)
        {
            Cohort = new Cohort(["emergency_admission"]) { AgeFrom = 65 },
            ShareAvoided = share,
            Phasing = phasing,
            Receives = receives,
            FixedCostPerYear = 100_000,
            CostPerUnitAvoided = 50,
        });
        return this;
    }

    public ScenarioBuilder Cip(string id, Interval rate)
    {
        _efficiencies.Add(new Efficiency(id, id) { Cip = rate, Phasing = new Phasing(2019, 2019, PhasingProfile.Step) });
        return this;
    }

    public ScenarioBuilder Scenario(string id, string[] interventions, string[]? efficiencies = null)
    {
        _scenarios.Add(new NamedScenario(id, id, interventions, efficiencies ?? []));
        return this;
    }

    public ScenarioModel Build()
    {
        var rows = new List<BaselineRow>();
        int i = 0;
        foreach (var locality in _localities)
        {
            foreach (var band in AgeBands)
            {
                foreach (var sex in new[] { "F", "M" })
                {
                    foreach (var quintile in new[] { "1", "3", "5" })
                    {
                        foreach (var setting in Settings)
                        {
                            i++;
                            double activity = 10 + (i % 37);
                            double unitCost = setting switch
                            {
                                "emergency_admission" => 2000,
                                "emergency_bed_day" => 0,
                                "community_contact" => 60,
                                "reablement_episode" => 2100,
                                _ => 120,
                            };
                            rows.Add(new BaselineRow(locality, band, sex, quintile, setting, activity, activity * unitCost));
                        }
                    }
                }
            }
        }

        return new ScenarioModel
        {
            Id = "test",
            Title = "Test scenario",
            BaselineYear = 2018,
            HorizonYears = _horizon,
            Baseline = rows,
            Partners = [new Partner("nhs", "NHS"), new Partner("council", "Council")],
            Settings = [.. Settings.Select(s => new Setting(s, s, "unit", s is "reablement_episode" or "home_care_hour" ? "council" : "nhs", Inflation: "prices"))],
            Inflation = [new InflationIndex("prices", "Prices", new Interval(0.02, 0.03))],
            Demography = new Scenarios.Demography(_projection ?? PopulationProjection.Walsall(), _variants),
            NonDemographicGrowth = _growth,
            Funding = [new Funding("nhs", 5_000_000, new Interval(0.01, 0.02)), new Funding("council", 1_000_000, Interval.Fixed(0.01))],
            Efficiencies = _efficiencies,
            Interventions = _interventions,
            Scenarios = _scenarios,
        };
    }
}
