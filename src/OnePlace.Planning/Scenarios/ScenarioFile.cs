using System.Globalization;
using System.Text.RegularExpressions;
using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Sampling;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OnePlace.Planning.Scenarios;

/// <summary>A scenario file that cannot be used; the message names the file and each problem.</summary>
public sealed class ScenarioFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Scenario files: YAML, one model each, kept in <c>scenarios/</c> so users can version them (docs/scenarios.md).
/// A file is checked whole before it is used and every problem found is reported together, naming the field.
/// </summary>
public static partial class ScenarioFile
{
    public const string DefaultFolder = "scenarios";

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads every <c>*.yaml</c> file of a folder, reporting the problems of all of them together; files
    /// whose baseline is the analytical store's are read with <paramref name="storeBaseline"/>.</summary>
    public static IReadOnlyList<ScenarioModel> LoadFolder(string folder, string? storeBaseline = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new ScenarioFileException($"There is no scenario folder at {Path.GetFullPath(folder)}.");
        }

        var models = new List<ScenarioModel>();
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                models.Add(Load(file, BaselineFromStore(file) ? storeBaseline : null));
            }
            catch (ScenarioFileException e)
            {
                problems.Add(e.Message);
            }
        }

        foreach (var twice in models.GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", twice.Select(m => Path.GetFileName(m.Source)))}: the id {twice.Key} is used more than once.");
        }

        return problems.Count > 0 ? throw new ScenarioFileException(string.Join(Environment.NewLine, problems)) : models;
    }

    /// <summary>Whether a scenario file's baseline is the one the analytical store gives (<c>analytical_store: true</c>),
    /// which whoever runs it must supply; false when the file cannot be read (loading it reports why).</summary>
    public static bool BaselineFromStore(string path)
    {
        try
        {
            return File.Exists(path) && Reader.Deserialize<RawScenario>(File.ReadAllText(path))?.Baseline?.AnalyticalStore == true;
        }
        catch (YamlException)
        {
            return false;
        }
    }

    /// <summary>Reads one scenario file; a baseline CSV path in it is relative to the file. <paramref name="baseline"/>
    /// replaces the file's own baseline.</summary>
    public static ScenarioModel Load(string path, string? baseline = null)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioFileException($"There is no scenario file at {Path.GetFullPath(path)}.");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path))!, baseline) with { Source = Path.GetFullPath(path) };
    }

    /// <summary>Reads a scenario from YAML text; relative paths are taken from <paramref name="folder"/>.</summary>
    public static ScenarioModel Parse(string yaml, string file, string folder, string? baseline = null)
    {
        RawScenario raw;
        try
        {
            raw = Reader.Deserialize<RawScenario>(yaml) ?? throw new ScenarioFileException($"{file}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new ScenarioFileException($"{file}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var problems = new List<string>();
        void Problem(string text) => problems.Add($"{file}: {text}");

        string Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem($"'{field}' is required.");
                return "";
            }

            return value.Trim();
        }

        Interval? IntervalOf(object? value, string field, bool required = true)
        {
            switch (value)
            {
                case null:
                    if (required)
                    {
                        Problem($"'{field}' is required (a number, or an 80% interval [low, high]).");
                    }

                    return null;
                case string text when Number(text) is { } single:
                    return Interval.Fixed(single);
                case List<object> pair when pair.Count == 2 && Number(pair[0] as string) is { } lo && Number(pair[1] as string) is { } hi:
                    if (lo > hi)
                    {
                        Problem($"'{field}' has its low end {lo} above its high end {hi}.");
                    }

                    return new Interval(lo, hi);
                default:
                    Problem($"'{field}' must be a number or an 80% interval [low, high].");
                    return null;
            }
        }

        string id = Required(raw.Id, "id");
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            Problem($"the id '{id}' must be lower-case letters, digits and hyphens.");
        }

        string title = Required(raw.Title, "title");
        if (raw.BaselineYear is not (>= 1990 and <= 2100))
        {
            Problem("'baseline_year' must be the calendar year the baseline financial year starts in (2018 for 2018/19).");
        }

        if (raw.HorizonYears is not (>= 1 and <= 10))
        {
            Problem("'horizon_years' must be 1 to 10.");
        }

        int baselineYear = raw.BaselineYear ?? 0;
        int horizon = raw.HorizonYears ?? 1;

        var partners = (raw.Partners ?? []).Select((p, i) => new Partner(Required(p.Id, $"partners[{i}].id"), p.Name ?? p.Id ?? "")).ToList();
        if (partners.Count == 0)
        {
            Problem("'partners' must list at least one partner.");
        }

        Duplicates(partners.Select(p => p.Id), "partner");
        var partnerIds = partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

        var inflation = (raw.Inflation ?? []).Select((x, i) => new InflationIndex(Required(x.Id, $"inflation[{i}].id"), x.Name ?? x.Id ?? "",
            IntervalOf(x.Rate, $"inflation[{i}].rate") ?? Interval.Fixed(0))).ToList();
        Duplicates(inflation.Select(x => x.Id), "inflation index");
        var inflationIds = inflation.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);

        var settings = new List<Setting>();
        foreach (var (s, i) in (raw.Settings ?? []).Select((s, i) => (s, i)))
        {
            string settingId = Required(s.Id, $"settings[{i}].id");
            string partner = Required(s.Partner, $"settings[{i}].partner");
            if (partner.Length > 0 && !partnerIds.Contains(partner))
            {
                Problem($"the setting {settingId} is paid for by '{partner}', which is not among the partners.");
            }

            if (s.Inflation is { } index && !inflationIds.Contains(index))
            {
                Problem($"the setting {settingId} follows the inflation index '{index}', which is not defined under 'inflation'.");
            }

            UnitCost? unitCost = null;
            if (s.UnitCost is { } cost)
            {
                if (Number(cost.Value) is not { } v || v < 0)
                {
                    Problem($"settings[{i}].unit_cost.value must be a number of 0 or more.");
                }
                else
                {
                    unitCost = new UnitCost(v, cost.PriceYear, cost.Source);
                }
            }

            settings.Add(new Setting(settingId, s.Name ?? settingId, s.Unit ?? "unit", partner, unitCost, s.Inflation));
        }

        if (settings.Count == 0)
        {
            Problem("'settings' must list the settings of care the baseline uses.");
        }

        Duplicates(settings.Select(s => s.Id), "setting");
        var settingIds = settings.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        var rows = BaselineRows(raw.Baseline, baseline, folder, Problem);
        foreach (var unknown in rows.Select(r => r.Setting).Distinct().Where(s => !settingIds.Contains(s)))
        {
            Problem($"the baseline's setting '{unknown}' is not in the settings catalogue.");
        }

        var demography = DemographyOf(raw.Demography, folder, baselineYear, horizon, Problem);

        var growth = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (var (setting, rate) in raw.NonDemographicGrowth ?? [])
        {
            if (!settingIds.Contains(setting))
            {
                Problem($"non_demographic_growth names the setting '{setting}', which is not in the settings catalogue.");
            }

            if (IntervalOf(rate, $"non_demographic_growth.{setting}") is { } interval)
            {
                growth[setting] = interval;
            }
        }

        var funding = (raw.Funding ?? []).Select((f, i) =>
        {
            string partner = Required(f.Partner, $"funding[{i}].partner");
            if (partner.Length > 0 && !partnerIds.Contains(partner))
            {
                Problem($"funding[{i}] is for '{partner}', which is not among the partners.");
            }

            double amount;
            if (f.ShareOfBaselineCost is { } shareText)
            {
                double share = Number(shareText) ?? 0;
                if (f.Baseline is not null || !(share > 0))
                {
                    Problem($"funding[{i}] needs either 'baseline' (£) or 'share_of_baseline_cost' (above 0), not both.");
                    share = 0;
                }

                // Priced as the engine prices the baseline: the catalogue's unit cost where it gives one, else the row's cost.
                var prices = settings.ToDictionary(s => s.Id, s => s.UnitCost?.Value);
                amount = share * rows.Where(r => settings.Any(s => s.Id == r.Setting && s.Partner == partner))
                    .Sum(r => prices.GetValueOrDefault(r.Setting) is { } price ? r.Activity * price : r.CostGbp);
            }
            else if (Number(f.Baseline) is { } pounds)
            {
                amount = pounds;
            }
            else
            {
                Problem($"funding[{i}].baseline must be the partner's funding in the baseline year, in £ (or give share_of_baseline_cost).");
                amount = 0;
            }

            return new Funding(partner, amount, IntervalOf(f.Growth, $"funding[{i}].growth", required: false) ?? Interval.Fixed(0));
        }).ToList();

        Phasing PhasingOf(RawPhased x, string where)
        {
            var profile = (x.Profile ?? "linear") switch
            {
                "linear" => PhasingProfile.Linear,
                "front" => PhasingProfile.Front,
                "back" => PhasingProfile.Back,
                "step" => PhasingProfile.Step,
                var other => Fail(other),
            };
            int start = x.Start ?? baselineYear + 1;
            int full = x.Full ?? start;
            if (full < start)
            {
                Problem($"{where}: 'full' ({full}) is before 'start' ({start}).");
            }

            return new Phasing(start, Math.Max(start, full), profile);

            PhasingProfile Fail(string other)
            {
                Problem($"{where}: the profile '{other}' is not one of linear, front, back, step.");
                return PhasingProfile.Linear;
            }
        }

        var efficiencies = new List<Efficiency>();
        foreach (var (e, i) in (raw.Efficiencies ?? []).Select((e, i) => (e, i)))
        {
            string effId = Required(e.Id, $"efficiencies[{i}].id");
            var cip = IntervalOf(e.Cip, $"efficiencies[{i}].cip", required: false);
            var los = IntervalOf(e.LosFactor, $"efficiencies[{i}].los_factor", required: false);
            if ((cip is null) == (los is null))
            {
                Problem($"the efficiency {effId} needs exactly one of 'cip' (annual share of unit cost saved) or 'los_factor' (share of bed days kept).");
            }

            if (los is not null && (e.LosSetting is null || !settingIds.Contains(e.LosSetting)))
            {
                Problem($"the efficiency {effId} needs 'los_setting', a setting in the catalogue whose units are bed days.");
            }

            if (e.Partner is { } p && !partnerIds.Contains(p))
            {
                Problem($"the efficiency {effId} is for '{p}', which is not among the partners.");
            }

            efficiencies.Add(new Efficiency(effId, e.Name ?? effId) { Partner = e.Partner, Cip = cip, LosSetting = e.LosSetting, LosFactor = los, Phasing = PhasingOf(e, $"efficiency {effId}") });
        }

        Duplicates(efficiencies.Select(e => e.Id), "efficiency");

        var interventions = new List<Intervention>();
        foreach (var (m, i) in (raw.Interventions ?? []).Select((m, i) => (m, i)))
        {
            string mId = Required(m.Id, $"interventions[{i}].id");
            var cohortSettings = m.Cohort?.Settings ?? [];
            if (cohortSettings.Count == 0)
            {
                Problem($"the intervention {mId} needs 'cohort.settings', the settings whose activity it avoids.");
            }

            foreach (var s in cohortSettings.Where(s => !settingIds.Contains(s)))
            {
                Problem($"the intervention {mId} avoids activity in '{s}', which is not in the settings catalogue.");
            }

            foreach (var q in (m.Cohort?.Quintiles ?? []).Where(q => !BaselineCsv.Quintiles.Contains(q)))
            {
                Problem($"the intervention {mId}'s cohort names the deprivation quintile '{q}' (1 to 5 or U).");
            }

            foreach (var sex in (m.Cohort?.Sexes ?? []).Where(s => s is not ("F" or "M")))
            {
                Problem($"the intervention {mId}'s cohort names the sex '{sex}' (F or M).");
            }

            var receives = new List<Shift>();
            foreach (var (r, j) in (m.Receives ?? []).Select((r, j) => (r, j)))
            {
                string into = Required(r.Setting, $"interventions[{i}].receives[{j}].setting");
                if (into.Length > 0 && !settingIds.Contains(into))
                {
                    Problem($"the intervention {mId} shifts activity to '{into}', which is not in the settings catalogue.");
                }
                else if (into.Length > 0 && settings.First(s => s.Id == into).UnitCost is null && !rows.Any(row => row.Setting == into && row.Activity > 0))
                {
                    Problem($"the intervention {mId} shifts activity to '{into}', which has no unit cost: give settings.{into}.unit_cost or baseline activity.");
                }

                receives.Add(new Shift(into, IntervalOf(r.PerUnit, $"interventions[{i}].receives[{j}].per_unit") ?? Interval.Fixed(0)));
            }

            if (m.Owner is { } owner && !partnerIds.Contains(owner))
            {
                Problem($"the intervention {mId} is owned by '{owner}', which is not among the partners.");
            }

            interventions.Add(new Intervention(mId, m.Name ?? mId)
            {
                Cohort = new Cohort(cohortSettings)
                {
                    Localities = m.Cohort?.Localities ?? [],
                    AgeFrom = m.Cohort?.AgeFrom,
                    AgeTo = m.Cohort?.AgeTo,
                    Sexes = m.Cohort?.Sexes ?? [],
                    Quintiles = m.Cohort?.Quintiles ?? [],
                },
                ShareAvoided = IntervalOf(m.ShareAvoided, $"interventions[{i}].share_avoided") ?? Interval.Fixed(0),
                Phasing = PhasingOf(m, $"intervention {mId}"),
                Receives = receives,
                FixedCostPerYear = Number(m.FixedCostPerYear) ?? 0,
                CostPerUnitAvoided = Number(m.CostPerUnitAvoided) ?? 0,
                Owner = m.Owner,
            });
        }

        Duplicates(interventions.Select(m => m.Id), "intervention");
        var interventionIds = interventions.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var efficiencyIds = efficiencies.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var scenarios = new List<NamedScenario>();
        foreach (var (s, i) in (raw.Scenarios ?? []).Select((s, i) => (s, i)))
        {
            string sId = Required(s.Id, $"scenarios[{i}].id");
            if (sId == "do-nothing")
            {
                Problem("the scenario id 'do-nothing' is reserved: do nothing is always run.");
            }

            foreach (var unknown in (s.Interventions ?? []).Where(x => !interventionIds.Contains(x)))
            {
                Problem($"the scenario {sId} switches on the intervention '{unknown}', which is not defined.");
            }

            foreach (var unknown in (s.Efficiencies ?? []).Where(x => !efficiencyIds.Contains(x)))
            {
                Problem($"the scenario {sId} switches on the efficiency '{unknown}', which is not defined.");
            }

            scenarios.Add(new NamedScenario(sId, s.Title ?? sId, (s.Interventions ?? []).Distinct().ToList(), (s.Efficiencies ?? []).Distinct().ToList()));
        }

        Duplicates(scenarios.Select(s => s.Id), "scenario");
        if (problems.Count > 0)
        {
            throw new ScenarioFileException(string.Join(Environment.NewLine, problems));
        }

        return new ScenarioModel
        {
            Id = id,
            Title = title,
            BaselineYear = baselineYear,
            HorizonYears = horizon,
            Baseline = rows,
            Partners = partners,
            Settings = settings,
            Demography = demography!,
            NonDemographicGrowth = growth,
            Inflation = inflation,
            Funding = funding,
            Efficiencies = efficiencies,
            Interventions = interventions,
            Scenarios = scenarios,
        };

        void Duplicates(IEnumerable<string> ids, string what)
        {
            foreach (var twice in ids.Where(x => x.Length > 0).GroupBy(x => x).Where(g => g.Count() > 1))
            {
                Problem($"the {what} id '{twice.Key}' is used more than once.");
            }
        }
    }

    private static List<BaselineRow> BaselineRows(RawBaseline? raw, string? overridePath, string folder, Action<string> problem)
    {
        try
        {
            if (overridePath is not null || raw?.File is not null)
            {
                string path = overridePath ?? Path.Combine(folder, raw!.File!);
                if (!File.Exists(path))
                {
                    problem($"there is no baseline file at {Path.GetFullPath(path)}.");
                    return [];
                }

                using var reader = new StreamReader(path);
                return [.. BaselineCsv.Read(reader, Path.GetFileName(path))];
            }

            if (raw?.AnalyticalStore == true)
            {
                problem("the baseline comes from the analytical store: give one made by 'oneplace scenario baseline' (--baseline), or open the file in the web host, which makes it from its store.");
                return [];
            }

            if (raw?.Rows is { } rows)
            {
                using var reader = new StringReader(rows);
                return [.. BaselineCsv.Read(reader, "baseline.rows")];
            }
        }
        catch (FormatException e)
        {
            problem(e.Message);
            return [];
        }

        problem("'baseline' needs 'file' (a CSV path relative to this file), 'rows' (CSV text with the header line) or 'analytical_store: true'.");
        return [];
    }

    private static Demography? DemographyOf(RawDemography? raw, string folder, int baselineYear, int horizon, Action<string> problem)
    {
        PopulationProjection projection;
        try
        {
            if (raw?.File is { } file)
            {
                string path = Path.Combine(folder, file);
                if (!File.Exists(path))
                {
                    problem($"there is no projection file at {Path.GetFullPath(path)}.");
                    return null;
                }

                using var reader = new StreamReader(path);
                projection = PopulationProjection.Parse(reader, Path.GetFileName(path));
            }
            else if ((raw?.Projection ?? PopulationProjection.WalsallSnpp2018) == PopulationProjection.WalsallSnpp2018)
            {
                projection = PopulationProjection.Walsall();
            }
            else
            {
                problem($"demography.projection '{raw!.Projection}' is not built in (only {PopulationProjection.WalsallSnpp2018}); give demography.file instead.");
                return null;
            }
        }
        catch (FormatException e)
        {
            problem(e.Message);
            return null;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (variant, weight) in raw?.Variants ?? new Dictionary<string, string> { ["principal"] = "1" })
        {
            if (Number(weight) is not { } w || w < 0)
            {
                problem($"demography.variants.{variant} must be a weight of 0 or more.");
                continue;
            }

            if (w > 0)
            {
                weights[variant] = w;
            }

            for (int year = baselineYear; year <= baselineYear + horizon; year++)
            {
                if (!projection.Covers(variant, year))
                {
                    problem($"the projection {projection.Name} has no variant '{variant}' for {year}.");
                    break;
                }
            }
        }

        if (weights.Count == 0)
        {
            problem("demography.variants must give at least one variant a weight above 0.");
        }

        return new Demography(projection, weights);
    }

    private static double? Number(string? text) =>
        double.TryParse(text?.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

#pragma warning disable CA1812, CA2227 // Instantiated and filled by YamlDotNet.
    private sealed class RawScenario
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public int? BaselineYear { get; set; }

        public int? HorizonYears { get; set; }

        public RawBaseline? Baseline { get; set; }

        public List<RawPartner>? Partners { get; set; }

        public List<RawSetting>? Settings { get; set; }

        public RawDemography? Demography { get; set; }

        public Dictionary<string, object>? NonDemographicGrowth { get; set; }

        public List<RawInflation>? Inflation { get; set; }

        public List<RawFunding>? Funding { get; set; }

        public List<RawEfficiency>? Efficiencies { get; set; }

        public List<RawIntervention>? Interventions { get; set; }

        public List<RawNamedScenario>? Scenarios { get; set; }
    }

    private sealed class RawBaseline
    {
        /// <summary>The baseline is the one the partnership's analytical store gives (oneplace scenario baseline),
        /// supplied by whoever runs the file.</summary>
        public bool AnalyticalStore { get; set; }

        public string? File { get; set; }

        public string? Rows { get; set; }
    }

    private sealed class RawPartner
    {
        public string? Id { get; set; }

        public string? Name { get; set; }
    }

    private sealed class RawSetting
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Unit { get; set; }

        public string? Partner { get; set; }

        public RawUnitCost? UnitCost { get; set; }

        public string? Inflation { get; set; }
    }

    private sealed class RawUnitCost
    {
        public string? Value { get; set; }

        public string? PriceYear { get; set; }

        public string? Source { get; set; }
    }

    private sealed class RawDemography
    {
        public string? Projection { get; set; }

        public string? File { get; set; }

        public Dictionary<string, string>? Variants { get; set; }
    }

    private sealed class RawInflation
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public object? Rate { get; set; }
    }

    private sealed class RawFunding
    {
        /// <summary>The partner's funding in the baseline year as a share of its baseline cost, for files whose
        /// baseline comes from the analytical store and so has no fixed size.</summary>
        public string? ShareOfBaselineCost { get; set; }

        public string? Partner { get; set; }

        public string? Baseline { get; set; }

        public object? Growth { get; set; }

        public string? Source { get; set; }
    }

    private class RawPhased
    {
        public int? Start { get; set; }

        public int? Full { get; set; }

        public string? Profile { get; set; }
    }

    private sealed class RawEfficiency : RawPhased
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Partner { get; set; }

        public object? Cip { get; set; }

        public string? LosSetting { get; set; }

        public object? LosFactor { get; set; }
    }

    private sealed class RawIntervention : RawPhased
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public RawCohort? Cohort { get; set; }

        public object? ShareAvoided { get; set; }

        public List<RawShift>? Receives { get; set; }

        public string? FixedCostPerYear { get; set; }

        public string? CostPerUnitAvoided { get; set; }

        public string? Owner { get; set; }
    }

    private sealed class RawCohort
    {
        public List<string>? Settings { get; set; }

        public List<string>? Localities { get; set; }

        public int? AgeFrom { get; set; }

        public int? AgeTo { get; set; }

        public List<string>? Sexes { get; set; }

        public List<string>? Quintiles { get; set; }
    }

    private sealed class RawShift
    {
        public string? Setting { get; set; }

        public object? PerUnit { get; set; }
    }

    private sealed class RawNamedScenario
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public List<string>? Interventions { get; set; }

        public List<string>? Efficiencies { get; set; }
    }
#pragma warning restore CA1812, CA2227
}
