using System.Diagnostics;
using System.Globalization;
using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;

// The scenario engine benchmark (docs/benchmarks/planning.md): Monte Carlo runs × 10 years over a grid baseline of
// 6 localities × 19 age bands × 2 sexes × 5 quintiles × 13 settings (14,820 cells), or a baseline CSV, with a
// realistic scenario (four interventions with shifts, CIP and shorter stays); then the midpoint what-if.
// Usage: OnePlace.Planning.Bench [--runs N] [--repeats R] [--baseline CSV] [--out FILE.md]
var runs = Option("--runs", 10_000);
var repeats = Option("--repeats", 5);
var baselinePath = Value("--baseline");
var outPath = Value("--out");

var baseline = baselinePath is null ? Grid() : BaselineCsv.Read(new StreamReader(baselinePath), Path.GetFileName(baselinePath));
var model = Model(baseline);
int cells = baseline.Count;
Console.WriteLine($"Baseline: {cells:N0} cells (cell × setting), {model.HorizonYears} years, {model.Interventions.Count} interventions, {model.Scenarios.Count + 1} scenarios incl. do nothing");

// Warm up (JIT, thread pool).
ScenarioEngine.Run(model, new RunSettings { Runs = 200, Seed = 1 });

var runTimes = new List<double>();
var summaryTimes = new List<double>();
ScenarioResult? result = null;
for (int i = 0; i < repeats; i++)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    result = ScenarioEngine.Run(model, new RunSettings { Runs = runs, Seed = 20190411, Threads = Environment.ProcessorCount });
    clock.Stop();
    runTimes.Add(clock.Elapsed.TotalSeconds);
    var summary = Stopwatch.StartNew();
    foreach (var outcome in result.Scenarios)
    {
        outcome.SummariseAll();
    }

    summary.Stop();
    summaryTimes.Add(summary.Elapsed.TotalSeconds);
    Console.WriteLine($"  repeat {i + 1} ({result.Lines:N0} lines computed per run and scenario): runs {runTimes[^1]:F3} s, summaries of every total {summaryTimes[^1]:F3} s");
}

var whatIf = new List<double>();
for (int i = 0; i < 101; i++)
{
    var clock = Stopwatch.StartNew();
    ScenarioEngine.WhatIf(model);
    clock.Stop();
    whatIf.Add(clock.Elapsed.TotalMilliseconds);
}

var gap = new Metric(Level.System, "", Measure.Gap);
var s = result!["transformation"].Summarise(gap, model.HorizonYears);
double cellYears = (double)cells * model.HorizonYears * runs;
var rows = new[]
{
    ("Monte Carlo runs (all scenarios, every total kept per run)", $"{Median(runTimes):F3} s", $"{cellYears / Median(runTimes) / 1e9:F2} billion cell-years/s per scenario"),
    ("Summaries (mean, P10, P50, P90) of every total, all scenarios", $"{Median(summaryTimes):F3} s", $"{result.Layout.Width:N0} totals × years per scenario"),
    ("Runs and summaries together", $"{Median(runTimes.Zip(summaryTimes, (a, b) => a + b).ToList()):F3} s", "target < 2 s"),
    ("What-if: one midpoint recalculation from the model (median of 101)", $"{Median(whatIf):F1} ms", "target < 50 ms"),
};
Console.WriteLine();
Console.WriteLine("| measure | median | note |");
Console.WriteLine("|---|---|---|");
foreach (var (measure, median, note) in rows)
{
    Console.WriteLine($"| {measure} | {median} | {note} |");
}

Console.WriteLine();
Console.WriteLine($"Transformation gap in {ScenarioModel.FinancialYear(model.Year(model.HorizonYears))}: mean £{s.Mean / 1e6:F1}m, P10 £{s.P10 / 1e6:F1}m, P50 £{s.P50 / 1e6:F1}m, P90 £{s.P90 / 1e6:F1}m (midpoint £{s.Midpoint / 1e6:F1}m)");

if (outPath is not null)
{
    File.WriteAllText(outPath, string.Join(Environment.NewLine, rows.Select(r => $"| {r.Item1} | {r.Item2} | {r.Item3} |")) + Environment.NewLine);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int Option(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Value(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static List<BaselineRow> Grid()
{
    string[] settings = ["emergency_admission", "emergency_bed_day", "elective_admission", "outpatient_attendance", "ae_attendance", "gp_contact", "community_contact",
        "vcs_contact", "social_care_assessment", "reablement_episode", "home_care_hour", "residential_care_week", "nursing_care_week"];
    double[] unitCost = [2200, 0, 1400, 125, 150, 38, 65, 20, 400, 2000, 17, 560, 650];
    var bands = Enumerable.Range(0, 18).Select(a => $"{a * 5}-{(a * 5) + 4}").Append("90+").ToArray();
    var rows = new List<BaselineRow>();
    var random = new RunRandom(2019, 0);
    foreach (var locality in new[] { "Walsall North", "Walsall South", "Walsall East", "Walsall West", "Brownhills", "Darlaston" })
    {
        foreach (var band in bands)
        {
            foreach (var sex in new[] { "F", "M" })
            {
                foreach (var quintile in new[] { "1", "2", "3", "4", "5" })
                {
                    for (int k = 0; k < settings.Length; k++)
                    {
                        double activity = Math.Round(random.NextDouble() * 200, 1);
                        rows.Add(new BaselineRow(locality, band, sex, quintile, settings[k], activity, activity * unitCost[k]));
                    }
                }
            }
        }
    }

    return rows;
}

static ScenarioModel Model(IReadOnlyList<BaselineRow> baseline)
{
    var settings = baseline.Select(r => r.Setting).Distinct().ToList();
    string[] council = ["social_care_assessment", "reablement_episode", "home_care_hour", "residential_care_week", "nursing_care_week"];
    var linear = new Phasing(2019, 2022, PhasingProfile.Linear);
    Intervention Shift(string id, string[] from, int? age, Interval share, Phasing phasing, params (string Setting, Interval PerUnit)[] to) => new(id, id)
    {
        Cohort = new Cohort([.. from.Where(settings.Contains)]) { AgeFrom = age },
        ShareAvoided = share,
        Phasing = phasing,
        Receives = [.. to.Where(t => settings.Contains(t.Setting)).Select(t => new Shift(t.Setting, t.PerUnit))],
        FixedCostPerYear = 1_000_000,
        CostPerUnitAvoided = 100,
    };

    // Funding a little below the baseline's cost, as in a system with an underlying deficit.
    double nhsCost = baseline.Where(r => !council.Contains(r.Setting)).Sum(r => r.CostGbp);
    double councilCost = baseline.Where(r => council.Contains(r.Setting)).Sum(r => r.CostGbp);
    return new ScenarioModel
    {
        Id = "benchmark",
        Title = "Benchmark scenario",
        BaselineYear = 2018,
        HorizonYears = 10,
        Baseline = baseline,
        Partners = [new Partner("nhs", "NHS"), new Partner("council", "Council")],
        Settings = [.. settings.Select(s => new Setting(s, s, "unit", council.Contains(s) ? "council" : "nhs", Inflation: council.Contains(s) ? "care" : "nhs"))],
        Inflation = [new InflationIndex("nhs", "NHS", new Interval(0.02, 0.035)), new InflationIndex("care", "Care", new Interval(0.03, 0.045))],
        Demography = new OnePlace.Planning.Scenarios.Demography(PopulationProjection.Walsall(), new Dictionary<string, double> { ["principal"] = 0.6, ["high_life_expectancy"] = 0.2, ["low_life_expectancy"] = 0.2 }),
        NonDemographicGrowth = settings.ToDictionary(s => s, _ => new Interval(0.005, 0.02)),
        Funding = [new Funding("nhs", nhsCost * 0.98, new Interval(0.01, 0.03)), new Funding("council", councilCost * 0.98, new Interval(0.005, 0.02))],
        Efficiencies =
        [
            new Efficiency("cip", "CIP") { Cip = new Interval(0.015, 0.03), Phasing = new Phasing(2019, 2019, PhasingProfile.Step) },
            new Efficiency("los", "Shorter stays") { LosSetting = "emergency_bed_day", LosFactor = new Interval(0.85, 0.95), Phasing = linear },
        ],
        Interventions =
        [
            Shift("frailty", ["emergency_admission", "emergency_bed_day"], 65, new Interval(0.05, 0.15), linear, ("community_contact", new Interval(2, 4)), ("reablement_episode", new Interval(0.3, 0.7))),
            Shift("outpatients", ["outpatient_attendance"], null, new Interval(0.05, 0.1), new Phasing(2019, 2023, PhasingProfile.Front), ("community_contact", new Interval(0.8, 1.2))),
            Shift("urgent-care", ["ae_attendance"], null, new Interval(0.05, 0.12), new Phasing(2020, 2024, PhasingProfile.Back), ("gp_contact", new Interval(0.5, 1)), ("vcs_contact", new Interval(0.2, 0.6))),
            Shift("care-homes", ["residential_care_week", "nursing_care_week"], 75, new Interval(0.03, 0.08), new Phasing(2021, 2021, PhasingProfile.Step), ("home_care_hour", new Interval(8, 12))),
        ],
        Scenarios =
        [
            new NamedScenario("efficiencies", "Efficiencies only", [], ["cip", "los"]),
            new NamedScenario("transformation", "Efficiencies and activity shifts", ["frailty", "outpatients", "urgent-care", "care-homes"], ["cip", "los"]),
        ],
    };
}
