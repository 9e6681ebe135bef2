using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Engine;

/// <summary>
/// A scenario model laid out in flat arrays for the run loop. Expectation mode is linear in baseline activity: cells
/// (baseline rows) of one setting, locality and projection band that the same interventions act on follow the same
/// growth path and the same avoided share in every run, so they are summed here into one line (their activity,
/// activity × unit cost, and activity × the unit cost of each receiving setting in their own cells). The run loop
/// then does per line exactly the arithmetic it would do per cell, and its totals are the cells' totals
/// (ADR 0015). <see cref="Cells"/> says how many cells the lines hold.
/// </summary>
internal sealed class CompiledModel
{
    public required ScenarioModel Model { get; init; }

    public int Years { get; init; }

    public int Cells { get; init; }

    public required string[] Settings { get; init; }

    public required string[] Localities { get; init; }

    public required string[] Partners { get; init; }

    /// <summary>Partner index of each setting.</summary>
    public required int[] SettingPartner { get; init; }

    /// <summary>Inflation index of each setting, or −1.</summary>
    public required int[] SettingInflation { get; init; }

    // Lines: cells summed by setting × locality × projection band × the interventions acting on them.
    public required int[] LineSetting { get; init; }

    public required int[] LineLocality { get; init; }

    public required double[] LineActivity { get; init; }

    /// <summary>Σ activity × unit cost over the line's cells.</summary>
    public required double[] LineWorth { get; init; }

    /// <summary>Where each line's growth path starts in a run's growth table (setting × band × year).</summary>
    public required int[] LineGrowthIndex { get; init; }

    /// <summary>Where each line's totals start in a run's setting × locality × year table.</summary>
    public required int[] LineTotalIndex { get; init; }

    /// <summary>The interventions acting on each line, ascending, and where each one's receiving worth starts in
    /// <see cref="ReceiverWorth"/>.</summary>
    public required int[][] LineInterventions { get; init; }

    public required int[][] LineReceiverWorthAt { get; init; }

    /// <summary>Σ activity × the receiving setting's unit cost in the same cell, per line, intervention and receiver.</summary>
    public required double[] ReceiverWorth { get; init; }

    /// <summary>Demographic factor per variant, band and year: [v][band * Years + t].</summary>
    public required double[][] DemographicFactor { get; init; }

    public required double[] VariantWeights { get; init; }

    public int PrincipalVariant { get; init; }

    /// <summary>Each intervention's receiving settings.</summary>
    public required int[][] ReceiverSetting { get; init; }

    /// <summary>Partner bearing each intervention's scheme cost: its owner, else the partner paying for its first
    /// receiving setting, else for the first setting it avoids.</summary>
    public required int[] InterventionOwner { get; init; }

    public required int[] FundingPartner { get; init; }

    public required CompiledScenario[] Scenarios { get; init; }

    public int SettingCount => Settings.Length;

    public int LocalityCount => Localities.Length;

    public int InterventionCount => ReceiverSetting.Length;

    public int LineCount => LineActivity.Length;

    public static CompiledModel Compile(ScenarioModel model)
    {
        int years = model.HorizonYears + 1;
        var settings = model.Settings.Select(s => s.Id).ToArray();
        var settingIndex = settings.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var partners = model.Partners.Select(p => p.Id).ToArray();
        var partnerIndex = partners.Select((p, i) => (p, i)).ToDictionary(p => p.p, p => p.i, StringComparer.Ordinal);
        var settingPartner = model.Settings.Select(s => partnerIndex[s.Partner]).ToArray();
        var inflationIndex = model.Inflation.Select((x, i) => (x.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var localities = model.Baseline.Select(r => r.Locality).Distinct().Order(StringComparer.Ordinal).ToArray();
        var localityIndex = localities.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);

        // Unit costs: the catalogue's where given, else the row's own cost ÷ activity, else the setting's average.
        var average = new double[settings.Length];
        foreach (var group in model.Baseline.GroupBy(r => r.Setting))
        {
            double activity = group.Sum(r => r.Activity);
            average[settingIndex[group.Key]] = activity > 0 ? group.Sum(r => r.CostGbp) / activity : 0;
        }

        double UnitCostOf(int k, BaselineRow? row) =>
            model.Settings[k].UnitCost is { } fixedCost ? fixedCost.Value
            : row is { Activity: > 0 } ? row.CostGbp / row.Activity
            : average[k];

        var cells = new Dictionary<(string, string, string, string, string), BaselineRow>();
        foreach (var row in model.Baseline)
        {
            cells[(row.Locality, row.AgeBand, row.Sex, row.DeprivationQuintile, row.Setting)] = row;
        }

        var receiverSetting = model.Interventions.Select(m => m.Receives.Select(s => settingIndex[s.Setting]).ToArray()).ToArray();

        // Sum the cells into lines.
        var lines = new Dictionary<string, Line>(StringComparer.Ordinal);
        var order = new List<Line>();
        foreach (var row in model.Baseline)
        {
            int k = settingIndex[row.Setting];
            int age = BaselineRow.LowerAge(row.AgeBand)!.Value;
            int band = PopulationProjection.BandOf(age);
            var acting = Enumerable.Range(0, model.Interventions.Count).Where(m => model.Interventions[m].Cohort.Contains(row, age)).ToArray();
            string key = $"{k}|{localityIndex[row.Locality]}|{band}|{string.Join(',', acting)}";
            if (!lines.TryGetValue(key, out var line))
            {
                lines[key] = line = new Line(k, localityIndex[row.Locality], band, acting, [.. acting.Select(m => new double[receiverSetting[m].Length])]);
                order.Add(line);
            }

            double unitCost = UnitCostOf(k, row);
            line.Activity += row.Activity;
            line.Worth += row.Activity * unitCost;
            for (int e = 0; e < acting.Length; e++)
            {
                var receivers = receiverSetting[acting[e]];
                for (int j = 0; j < receivers.Length; j++)
                {
                    cells.TryGetValue((row.Locality, row.AgeBand, row.Sex, row.DeprivationQuintile, settings[receivers[j]]), out var receiving);
                    line.ReceiverWorth[e][j] += row.Activity * UnitCostOf(receivers[j], receiving);
                }
            }
        }

        var receiverWorth = new List<double>();
        var worthAt = new int[order.Count][];
        for (int i = 0; i < order.Count; i++)
        {
            worthAt[i] = new int[order[i].Interventions.Length];
            for (int e = 0; e < order[i].Interventions.Length; e++)
            {
                worthAt[i][e] = receiverWorth.Count;
                receiverWorth.AddRange(order[i].ReceiverWorth[e]);
            }
        }

        var projection = model.Demography.Projection;
        var variants = model.Demography.VariantWeights.Keys.Order(StringComparer.Ordinal).ToArray();
        var demographic = variants.Select(v =>
        {
            var factors = new double[4 * years];
            for (int band = 0; band < 4; band++)
            {
                for (int t = 0; t < years; t++)
                {
                    factors[(band * years) + t] = projection.Factor(v, model.BaselineYear, model.Year(t), band);
                }
            }

            return factors;
        }).ToArray();
        var weights = variants.Select(v => model.Demography.VariantWeights[v]).ToArray();

        var owner = model.Interventions.Select((m, i) =>
            m.Owner is { } o ? partnerIndex[o]
            : receiverSetting[i].Length > 0 ? settingPartner[receiverSetting[i][0]]
            : settingPartner[settingIndex[m.Cohort.Settings[0]]]).ToArray();

        var interventionIndex = model.Interventions.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var efficiencyIndex = model.Efficiencies.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var scenarios = new CompiledScenario[model.Scenarios.Count + 1];
        scenarios[0] = CompiledScenario.For("do-nothing", "Do nothing", [], [], order.Select(l => l.Interventions).ToArray(), worthAt);
        for (int s = 0; s < model.Scenarios.Count; s++)
        {
            var named = model.Scenarios[s];
            scenarios[s + 1] = CompiledScenario.For(named.Id, named.Title,
                [.. named.Interventions.Select(id => interventionIndex[id]).Order()],
                [.. named.Efficiencies.Select(id => efficiencyIndex[id]).Order()],
                order.Select(l => l.Interventions).ToArray(), worthAt);
        }

        return new CompiledModel
        {
            Model = model,
            Years = years,
            Cells = model.Baseline.Count,
            Settings = settings,
            Localities = localities,
            Partners = partners,
            SettingPartner = settingPartner,
            SettingInflation = [.. model.Settings.Select(s => s.Inflation is { } i ? inflationIndex[i] : -1)],
            LineSetting = [.. order.Select(l => l.Setting)],
            LineLocality = [.. order.Select(l => l.Locality)],
            LineActivity = [.. order.Select(l => l.Activity)],
            LineWorth = [.. order.Select(l => l.Worth)],
            LineGrowthIndex = [.. order.Select(l => ((l.Setting * 4) + l.Band) * years)],
            LineTotalIndex = [.. order.Select(l => ((l.Setting * localities.Length) + l.Locality) * years)],
            LineInterventions = [.. order.Select(l => l.Interventions)],
            LineReceiverWorthAt = worthAt,
            ReceiverWorth = [.. receiverWorth],
            DemographicFactor = demographic,
            VariantWeights = weights,
            PrincipalVariant = Array.IndexOf(weights, weights.Max()),
            ReceiverSetting = receiverSetting,
            InterventionOwner = owner,
            FundingPartner = [.. model.Funding.Select(f => partnerIndex[f.Partner])],
            Scenarios = scenarios,
        };
    }

    private sealed class Line(int setting, int locality, int band, int[] interventions, double[][] receiverWorth)
    {
        public int Setting { get; } = setting;

        public int Locality { get; } = locality;

        public int Band { get; } = band;

        public int[] Interventions { get; } = interventions;

        public double[][] ReceiverWorth { get; } = receiverWorth;

        public double Activity { get; set; }

        public double Worth { get; set; }
    }
}

/// <summary>
/// A scenario's switches laid out for the run loop: the lines its interventions act on and, for each, the active
/// interventions with where their receiving worth starts.
/// </summary>
internal sealed class CompiledScenario
{
    private CompiledScenario(string id, string title, int[] interventions, int[] efficiencies, int[] lines, int[] offsets, int[] entryIntervention, int[] entryWorthAt)
    {
        Id = id;
        Title = title;
        Interventions = interventions;
        Efficiencies = efficiencies;
        Lines = lines;
        Offsets = offsets;
        EntryIntervention = entryIntervention;
        EntryWorthAt = entryWorthAt;
    }

    public string Id { get; }

    public string Title { get; }

    public int[] Interventions { get; }

    public int[] Efficiencies { get; }

    /// <summary>Lines acted on, ascending.</summary>
    public int[] Lines { get; }

    /// <summary>Entries of the i-th line acted on are Offsets[i] .. Offsets[i+1].</summary>
    public int[] Offsets { get; }

    public int[] EntryIntervention { get; }

    public int[] EntryWorthAt { get; }

    public static CompiledScenario For(string id, string title, int[] interventions, int[] efficiencies, int[][] lineInterventions, int[][] worthAt)
    {
        var lines = new List<int>();
        var offsets = new List<int> { 0 };
        var entryM = new List<int>();
        var entryWorth = new List<int>();
        for (int line = 0; line < lineInterventions.Length; line++)
        {
            bool any = false;
            for (int e = 0; e < lineInterventions[line].Length; e++)
            {
                if (Array.IndexOf(interventions, lineInterventions[line][e]) >= 0)
                {
                    entryM.Add(lineInterventions[line][e]);
                    entryWorth.Add(worthAt[line][e]);
                    any = true;
                }
            }

            if (any)
            {
                lines.Add(line);
                offsets.Add(entryM.Count);
            }
        }

        return new CompiledScenario(id, title, interventions, efficiencies, [.. lines], [.. offsets], [.. entryM], [.. entryWorth]);
    }
}
