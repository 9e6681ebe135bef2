using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Engine;

/// <summary>
/// The uncertain parameters of a model in the fixed order each run draws them: non-demographic growth per setting,
/// inflation per index, funding growth per funding line, each intervention's share avoided and its conversions, and
/// each efficiency's CIP share or length-of-stay factor. Each has its 80% interval and the range draws are clamped to
/// (the NHP's <c>inrange</c>: shares and factors in [0, 1]; rates above −100%; conversions 0 or more).
/// </summary>
public sealed class ParameterLayout
{
    private ParameterLayout(string[] names, Interval[] intervals, double[] min, double[] max)
    {
        Names = names;
        Intervals = intervals;
        Min = min;
        Max = max;
    }

    public IReadOnlyList<string> Names { get; }

    internal Interval[] Intervals { get; }

    internal double[] Min { get; }

    internal double[] Max { get; }

    internal int[] Growth { get; private init; } = [];

    internal int[] InflationRate { get; private init; } = [];

    internal int[] FundingGrowth { get; private init; } = [];

    internal int[] ShareAvoided { get; private init; } = [];

    /// <summary>Index of each intervention's first conversion; its receivers follow in order.</summary>
    internal int[] Conversion { get; private init; } = [];

    internal int[] EfficiencyValue { get; private init; } = [];

    public int Count => Names.Count;

    internal static ParameterLayout For(ScenarioModel model)
    {
        var names = new List<string>();
        var intervals = new List<Interval>();
        var min = new List<double>();
        var max = new List<double>();
        int Add(string name, Interval interval, double lo, double hi)
        {
            names.Add(name);
            intervals.Add(interval);
            min.Add(lo);
            max.Add(hi);
            return names.Count - 1;
        }

        const double Rate = -0.99;
        var growth = model.Settings.Select(s => Add($"growth:{s.Id}", model.NonDemographicGrowth.GetValueOrDefault(s.Id, Interval.Fixed(0)), Rate, 1)).ToArray();
        var inflation = model.Inflation.Select(i => Add($"inflation:{i.Id}", i.Rate, Rate, 1)).ToArray();
        var funding = model.Funding.Select(f => Add($"funding_growth:{f.Partner}", f.Growth, Rate, 1)).ToArray();
        var share = new int[model.Interventions.Count];
        var conversion = new int[model.Interventions.Count];
        for (int m = 0; m < model.Interventions.Count; m++)
        {
            var intervention = model.Interventions[m];
            share[m] = Add($"share_avoided:{intervention.Id}", intervention.ShareAvoided, 0, 1);
            conversion[m] = names.Count;
            foreach (var shift in intervention.Receives)
            {
                Add($"conversion:{intervention.Id}:{shift.Setting}", shift.PerUnitAvoided, 0, double.MaxValue);
            }
        }

        var efficiency = model.Efficiencies.Select(e => e.Cip is { } cip
            ? Add($"cip:{e.Id}", cip, 0, 1)
            : Add($"los_factor:{e.Id}", e.LosFactor ?? Interval.Fixed(1), 0, 1)).ToArray();

        return new ParameterLayout([.. names], [.. intervals], [.. min], [.. max])
        {
            Growth = growth,
            InflationRate = inflation,
            FundingGrowth = funding,
            ShareAvoided = share,
            Conversion = conversion,
            EfficiencyValue = efficiency,
        };
    }

    /// <summary>The midpoint of every interval (clamped): the deterministic "what-if" run.</summary>
    internal void Midpoints(Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Clamp(Intervals[i].Midpoint, Min[i], Max[i]);
        }
    }

    internal void Draw(ref RunRandom random, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Draw(Intervals[i], Min[i], Max[i]);
        }
    }
}
