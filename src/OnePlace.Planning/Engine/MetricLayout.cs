namespace OnePlace.Planning.Engine;

/// <summary>
/// Where each reported total sits in a run's slot: metric × year, metrics in the order system (cost, funding, gap),
/// settings (cost, activity), partners (cost, funding, gap), localities (cost, activity), interventions (avoided,
/// received, cost change) and the bridge (efficiencies, interaction).
/// </summary>
public sealed class MetricLayout
{
    internal const int SystemCost = 0;
    internal const int SystemFunding = 1;
    internal const int SystemGap = 2;

    private readonly int _settings;
    private readonly int _partners;
    private readonly int _localities;
    private readonly int _interventions;
    private readonly Dictionary<Metric, int> _index;

    internal MetricLayout(CompiledModel c)
    {
        Years = c.Years;
        _settings = 3;
        _partners = _settings + (2 * c.SettingCount);
        _localities = _partners + (3 * c.Partners.Length);
        _interventions = _localities + (2 * c.LocalityCount);
        int bridge = _interventions + (3 * c.InterventionCount);
        BridgeEfficiencies = bridge;
        BridgeInteraction = bridge + 1;
        var metrics = new List<Metric>
        {
            new(Level.System, "", Measure.Cost),
            new(Level.System, "", Measure.Funding),
            new(Level.System, "", Measure.Gap),
        };
        foreach (var k in c.Settings)
        {
            metrics.Add(new(Level.Setting, k, Measure.Cost));
            metrics.Add(new(Level.Setting, k, Measure.Activity));
        }

        foreach (var p in c.Partners)
        {
            metrics.Add(new(Level.Partner, p, Measure.Cost));
            metrics.Add(new(Level.Partner, p, Measure.Funding));
            metrics.Add(new(Level.Partner, p, Measure.Gap));
        }

        foreach (var g in c.Localities)
        {
            metrics.Add(new(Level.Locality, g, Measure.Cost));
            metrics.Add(new(Level.Locality, g, Measure.Activity));
        }

        foreach (var m in c.Model.Interventions)
        {
            metrics.Add(new(Level.Intervention, m.Id, Measure.Avoided));
            metrics.Add(new(Level.Intervention, m.Id, Measure.Received));
            metrics.Add(new(Level.Intervention, m.Id, Measure.CostChange));
        }

        metrics.Add(new(Level.Bridge, "efficiencies", Measure.CostChange));
        metrics.Add(new(Level.Bridge, "interaction", Measure.CostChange));
        Metrics = metrics;
        _index = metrics.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
    }

    internal int BridgeEfficiencies { get; }

    internal int BridgeInteraction { get; }

    /// <summary>Years in each series: the baseline year and every year to the horizon.</summary>
    public int Years { get; }

    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Doubles in one run's slot.</summary>
    public int Width => Metrics.Count * Years;

    public int IndexOf(Metric metric) => _index.TryGetValue(metric, out int i) ? i : throw new KeyNotFoundException($"No total {metric} is reported.");

    internal int At(int metric, int t) => (metric * Years) + t;

    internal int SettingCost(int k) => _settings + (2 * k);

    internal int SettingActivity(int k) => _settings + (2 * k) + 1;

    internal int PartnerCost(int p) => _partners + (3 * p);

    internal int PartnerFunding(int p) => _partners + (3 * p) + 1;

    internal int PartnerGap(int p) => _partners + (3 * p) + 2;

    internal int LocalityCost(int g) => _localities + (2 * g);

    internal int LocalityActivity(int g) => _localities + (2 * g) + 1;

    internal int InterventionAvoided(int m) => _interventions + (3 * m);

    internal int InterventionReceived(int m) => _interventions + (3 * m) + 1;

    internal int InterventionCostChange(int m) => _interventions + (3 * m) + 2;
}
