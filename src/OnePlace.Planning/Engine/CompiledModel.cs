using OnePlace.Planning.Baselines;
using OnePlace.Planning.Demography;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Engine;

/// <summary>
/// A scenario model laid out in flat arrays for the run loop: one line per baseline row (cell × setting) with its
/// setting, locality, projection band, activity and unit cost; each intervention's member lines with the unit cost of
/// every receiving setting in the same cell; and, per named scenario, the lines its interventions touch.
/// </summary>
internal sealed class CompiledModel
{
    public required ScenarioModel Model { get; init; }

    public int Years { get; init; }

    public required string[] Settings { get; init; }

    public required string[] Localities { get; init; }

    public required string[] Partners { get; init; }

    /// <summary>Partner index of each setting.</summary>
    public required int[] SettingPartner { get; init; }

    /// <summary>Inflation index of each setting, or −1.</summary>
    public required int[] SettingInflation { get; init; }

    // Lines (cell × setting).
    public required int[] LineSetting { get; init; }

    public required int[] LineLocality { get; init; }

    public required int[] LineBand { get; init; }

    public required double[] LineActivity { get; init; }

    public required double[] LineUnitCost { get; init; }

    /// <summary>Demographic factor per variant, band and year: [v][band * Years + t].</summary>
    public required double[][] DemographicFactor { get; init; }

    public required double[] VariantWeights { get; init; }

    public int PrincipalVariant { get; init; }

    /// <summary>Each intervention's receiving settings.</summary>
    public required int[][] ReceiverSetting { get; init; }

    /// <summary>Each intervention's member lines.</summary>
    public required int[][] MemberLines { get; init; }

    /// <summary>Unit cost of each receiving setting in each member line's cell: [m][member * receivers + j].</summary>
    public required double[][] ReceiverUnitCost { get; init; }

    /// <summary>Owner partner of each intervention's scheme cost, or −1 (then the first receiving setting's partner,
    /// else the avoided setting's).</summary>
    public required int[] InterventionOwner { get; init; }

    public required int[] FundingPartner { get; init; }

    public required CompiledScenario[] Scenarios { get; init; }

    public int SettingCount => Settings.Length;

    public int LocalityCount => Localities.Length;

    public int InterventionCount => MemberLines.Length;

    public static CompiledModel Compile(ScenarioModel model)
    {
        int years = model.HorizonYears + 1;
        var settings = model.Settings.Select(s => s.Id).ToArray();
        var settingIndex = settings.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var partners = model.Partners.Select(p => p.Id).ToArray();
        var partnerIndex = partners.Select((p, i) => (p, i)).ToDictionary(p => p.p, p => p.i, StringComparer.Ordinal);
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

        int n = model.Baseline.Count;
        var lineSetting = new int[n];
        var lineLocality = new int[n];
        var lineBand = new int[n];
        var lineAge = new int[n];
        var lineActivity = new double[n];
        var lineUnitCost = new double[n];
        var cellLines = new Dictionary<(string, string, string, string, string), BaselineRow>();
        for (int r = 0; r < n; r++)
        {
            var row = model.Baseline[r];
            lineSetting[r] = settingIndex[row.Setting];
            lineLocality[r] = localityIndex[row.Locality];
            lineAge[r] = BaselineRow.LowerAge(row.AgeBand)!.Value;
            lineBand[r] = PopulationProjection.BandOf(lineAge[r]);
            lineActivity[r] = row.Activity;
            lineUnitCost[r] = UnitCostOf(lineSetting[r], row);
            cellLines[(row.Locality, row.AgeBand, row.Sex, row.DeprivationQuintile, row.Setting)] = row;
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
        int principal = Array.IndexOf(weights, weights.Max());

        var interventionIndex = model.Interventions.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var members = new int[model.Interventions.Count][];
        var receiverSetting = new int[model.Interventions.Count][];
        var receiverCost = new double[model.Interventions.Count][];
        var owner = new int[model.Interventions.Count];
        for (int m = 0; m < model.Interventions.Count; m++)
        {
            var intervention = model.Interventions[m];
            members[m] = [.. Enumerable.Range(0, n).Where(r => intervention.Cohort.Contains(model.Baseline[r], lineAge[r]))];
            receiverSetting[m] = [.. intervention.Receives.Select(s => settingIndex[s.Setting])];
            int j = receiverSetting[m].Length;
            receiverCost[m] = new double[members[m].Length * j];
            for (int i = 0; i < members[m].Length; i++)
            {
                var row = model.Baseline[members[m][i]];
                for (int x = 0; x < j; x++)
                {
                    var receiving = settings[receiverSetting[m][x]];
                    cellLines.TryGetValue((row.Locality, row.AgeBand, row.Sex, row.DeprivationQuintile, receiving), out var receivingRow);
                    receiverCost[m][(i * j) + x] = UnitCostOf(receiverSetting[m][x], receivingRow);
                }
            }

            owner[m] = intervention.Owner is { } o ? partnerIndex[o] : -1;
        }

        var scenarios = new CompiledScenario[model.Scenarios.Count + 1];
        scenarios[0] = CompiledScenario.DoNothing;
        for (int s = 0; s < model.Scenarios.Count; s++)
        {
            var named = model.Scenarios[s];
            var active = named.Interventions.Select(id => interventionIndex[id]).Order().ToArray();
            var efficiencies = named.Efficiencies.Select(id => model.Efficiencies.Select((e, i) => (e.Id, i)).First(p => p.Id == id).i).Order().ToArray();
            scenarios[s + 1] = CompiledScenario.For(named.Id, named.Title, active, efficiencies, members);
        }

        return new CompiledModel
        {
            Model = model,
            Years = years,
            Settings = settings,
            Localities = localities,
            Partners = partners,
            SettingPartner = [.. model.Settings.Select(s => partnerIndex[s.Partner])],
            SettingInflation = [.. model.Settings.Select(s => s.Inflation is { } i ? inflationIndex[i] : -1)],
            LineSetting = lineSetting,
            LineLocality = lineLocality,
            LineBand = lineBand,
            LineActivity = lineActivity,
            LineUnitCost = lineUnitCost,
            DemographicFactor = demographic,
            VariantWeights = weights,
            PrincipalVariant = principal,
            ReceiverSetting = receiverSetting,
            MemberLines = members,
            ReceiverUnitCost = receiverCost,
            InterventionOwner = owner,
            FundingPartner = [.. model.Funding.Select(f => partnerIndex[f.Partner])],
            Scenarios = scenarios,
        };
    }
}

/// <summary>
/// A scenario's switches laid out for the run loop: the lines its interventions touch and, for each, the active
/// interventions on it with the line's position among each intervention's members (to find receiving unit costs).
/// </summary>
internal sealed class CompiledScenario
{
    public static readonly CompiledScenario DoNothing = new("do-nothing", "Do nothing", [], [], [], [0], [], []);

    private CompiledScenario(string id, string title, int[] interventions, int[] efficiencies, int[] lines, int[] offsets, int[] entryIntervention, int[] entryMember)
    {
        Id = id;
        Title = title;
        Interventions = interventions;
        Efficiencies = efficiencies;
        Lines = lines;
        Offsets = offsets;
        EntryIntervention = entryIntervention;
        EntryMember = entryMember;
    }

    public string Id { get; }

    public string Title { get; }

    public int[] Interventions { get; }

    public int[] Efficiencies { get; }

    /// <summary>Touched lines, ascending.</summary>
    public int[] Lines { get; }

    /// <summary>Entries of line i are Offsets[i] .. Offsets[i+1].</summary>
    public int[] Offsets { get; }

    public int[] EntryIntervention { get; }

    public int[] EntryMember { get; }

    public static CompiledScenario For(string id, string title, int[] interventions, int[] efficiencies, int[][] members)
    {
        var byLine = new SortedDictionary<int, List<(int M, int Member)>>();
        foreach (int m in interventions)
        {
            for (int i = 0; i < members[m].Length; i++)
            {
                if (!byLine.TryGetValue(members[m][i], out var list))
                {
                    byLine[members[m][i]] = list = [];
                }

                list.Add((m, i));
            }
        }

        var offsets = new List<int> { 0 };
        var entryM = new List<int>();
        var entryMember = new List<int>();
        foreach (var list in byLine.Values)
        {
            foreach (var (m, member) in list)
            {
                entryM.Add(m);
                entryMember.Add(member);
            }

            offsets.Add(entryM.Count);
        }

        return new CompiledScenario(id, title, interventions, efficiencies, [.. byLine.Keys], [.. offsets], [.. entryM], [.. entryMember]);
    }
}
