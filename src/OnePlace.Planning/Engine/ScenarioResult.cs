using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Engine;

/// <summary>
/// What a run of the engine gives: per scenario ("do nothing" first), the midpoint run's totals and every Monte Carlo
/// run's totals at every reported level, and the parameters each run drew (run 0 the midpoints). Summaries (mean,
/// P10, P50, P90) are computed from the per-run totals of the level asked for, never by adding percentiles
/// (D_demand_finance §1.3, the NHP glossary's warning).
/// </summary>
public sealed class ScenarioResult
{
    private readonly double[] _draws;

    internal ScenarioResult(ScenarioModel model, RunSettings settings, MetricLayout layout, IReadOnlyList<ScenarioOutcome> scenarios, ParameterLayout parameters, double[] draws, TimeSpan elapsed, int lines)
    {
        Lines = lines;
        Model = model;
        Settings = settings;
        Layout = layout;
        Scenarios = scenarios;
        Parameters = parameters;
        _draws = draws;
        Elapsed = elapsed;
        Years = [.. Enumerable.Range(0, layout.Years).Select(model.Year)];
    }

    public ScenarioModel Model { get; }

    public RunSettings Settings { get; }

    public MetricLayout Layout { get; }

    /// <summary>"do-nothing" first, then the named scenarios in the file's order.</summary>
    public IReadOnlyList<ScenarioOutcome> Scenarios { get; }

    public ParameterLayout Parameters { get; }

    /// <summary>The financial years reported, baseline year first (2018 = 2018/19).</summary>
    public IReadOnlyList<int> Years { get; }

    public TimeSpan Elapsed { get; }

    public int Runs => Settings.Runs;

    /// <summary>Cells of the baseline (cell × setting rows).</summary>
    public int Cells => Model.Baseline.Count;

    /// <summary>Lines the run loop computed: cells summed by setting, locality, projection band and the interventions
    /// acting on them (ADR 0015).</summary>
    public int Lines { get; }

    public ScenarioOutcome DoNothing => Scenarios[0];

    public ScenarioOutcome this[string id] => Scenarios.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"There is no scenario '{id}'.");

    /// <summary>Index of a financial year among <see cref="Years"/>.</summary>
    public int YearIndex(int year) => year - Model.BaselineYear is var t && t >= 0 && t < Years.Count ? t : throw new ArgumentOutOfRangeException(nameof(year), year, "The year is outside the scenario's years.");

    /// <summary>The value of a parameter in a run (0 = the midpoint run, 1..N the Monte Carlo runs).</summary>
    public double Parameter(int run, string name)
    {
        int i = Parameters.Names.ToList().IndexOf(name);
        return i < 0 ? throw new KeyNotFoundException($"There is no parameter '{name}'.") : _draws[(run * Parameters.Count) + i];
    }
}

/// <summary>One scenario's totals: the midpoint run's and each Monte Carlo run's, laid out by <see cref="MetricLayout"/>.</summary>
public sealed class ScenarioOutcome
{
    internal ScenarioOutcome(string id, string title, MetricLayout layout, int runs)
    {
        Id = id;
        Title = title;
        Layout = layout;
        Runs = runs;
        Midpoint = new double[layout.Width];
        PerRun = new double[runs * layout.Width];
    }

    public string Id { get; }

    public string Title { get; }

    public MetricLayout Layout { get; }

    public int Runs { get; }

    internal double[] Midpoint { get; }

    internal double[] PerRun { get; }

    /// <summary>The midpoint run's value of a total in year index t.</summary>
    public double MidpointValue(Metric metric, int t) => Midpoint[(Layout.IndexOf(metric) * Layout.Years) + t];

    /// <summary>Every Monte Carlo run's value of a total in year index t, in run order.</summary>
    public double[] RunValues(Metric metric, int t)
    {
        int at = (Layout.IndexOf(metric) * Layout.Years) + t;
        var values = new double[Runs];
        for (int i = 0; i < Runs; i++)
        {
            values[i] = PerRun[(i * Layout.Width) + at];
        }

        return values;
    }

    /// <summary>Mean, P10, P50, P90 of a total from its per-run values (the midpoint run's value when there were no
    /// Monte Carlo runs).</summary>
    public Summary Summarise(Metric metric, int t) => Summary.Of(RunValues(metric, t), MidpointValue(metric, t));

    /// <summary>Every total in every year, summarised; index metric × years + t. Columns are gathered in blocks so
    /// that each run's slot is read in order.</summary>
    public Summary[] SummariseAll()
    {
        const int Block = 64;
        int width = Layout.Width;
        var all = new Summary[width];
        int blocks = (width + Block - 1) / Block;
        Parallel.For(0, blocks, () => new double[Block * Runs], (block, _, buffer) =>
        {
            int from = block * Block;
            int count = Math.Min(Block, width - from);
            for (int run = 0; run < Runs; run++)
            {
                int at = (run * width) + from;
                for (int c = 0; c < count; c++)
                {
                    buffer[(c * Runs) + run] = PerRun[at + c];
                }
            }

            for (int c = 0; c < count; c++)
            {
                all[from + c] = Summary.Of(buffer.AsSpan(c * Runs, Runs), Midpoint[from + c]);
            }

            return buffer;
        }, _ => { });
        return all;
    }
}
