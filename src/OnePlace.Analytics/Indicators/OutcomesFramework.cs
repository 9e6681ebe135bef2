using System.Data.Common;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using OnePlace.Analytics.Disclosure;
using OnePlace.Analytics.Spc;
using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Indicators;

/// <summary>One published figure: an indicator for a period and one group of a breakdown. Suppressed figures carry no
/// value, limits or counts.</summary>
public sealed record IndicatorValue(
    string IndicatorId, int Version, FrameworkPeriod Period, Breakdown Breakdown, string Group,
    double? Value, double? Lower, double? Upper, double? Numerator, double? Denominator, bool Suppressed, string? Note);

/// <summary>How the reporting year's value stands against the target: met, missed within the limits, or missed.</summary>
public enum Rag
{
    NoTarget,
    Green,
    Amber,
    Red,
}

/// <summary>An indicator's results: every value, the monthly SPC chart, the RAG rating and the inequality across
/// deprivation quintiles for the reporting year.</summary>
public sealed record IndicatorOutcome(
    IndicatorDefinition Definition, IReadOnlyList<IndicatorValue> Values, XmrChartResult? Trend, Rag Rag,
    InequalityResult? Inequality, IReadOnlyList<string> Notes)
{
    /// <summary>The reporting year's value for the whole population.</summary>
    public IndicatorValue? Latest => Values.FirstOrDefault(v => v.Period.Kind == PeriodKind.Year && v.Breakdown == Breakdown.Overall);
}

/// <summary>A whole run of the framework, with how long each of its stages took.</summary>
public sealed record FrameworkResult(
    DateOnly Reach, IReadOnlyList<FrameworkPeriod> Periods, IReadOnlyList<IndicatorOutcome> Indicators, TimeSpan Elapsed, IReadOnlyList<FrameworkStage> Stages);

/// <summary>One stage of a run and its time: a kind of shared table prepared, an indicator's counts (the SQL) or its
/// statistics (suppression, limits, SPC and inequality worked out from the counts).</summary>
public sealed record FrameworkStage(string Name, TimeSpan Elapsed);

/// <summary>
/// Runs the outcomes framework (PRODUCT.md D1–D4) on an analytical store, DuckDB or PostgreSQL: counts come from the
/// portable SQL in <see cref="FrameworkSql"/>; every statistic, suppression, SPC and inequality measure is worked out
/// here from those counts, so both stores give the same numbers from the same rows.
/// </summary>
public static class OutcomesFramework
{
    /// <summary>The group label of the whole population.</summary>
    public const string All = "All";

    /// <summary>Simulated refits for the slope index of inequality of each indicator.</summary>
    public const int InequalityRepetitions = 10_000;

    /// <exception cref="ArgumentException">No indicators or no periods.</exception>
    public static FrameworkResult Run(DbConnection connection, IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<FrameworkPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(periods);
        if (indicators.Count == 0 || periods.Count == 0)
        {
            throw new ArgumentException("The framework needs at least one indicator and one period.");
        }

        var stopwatch = Stopwatch.StartNew();
        var stages = new List<FrameworkStage>();
        foreach (var (name, sql) in FrameworkSql.Prepare(periods, indicators))
        {
            var stage = Stopwatch.StartNew();
            Execute(connection, sql);
            int last = stages.Count - 1;
            if (last >= 0 && stages[last].Name == name)
            {
                stages[last] = stages[last] with { Elapsed = stages[last].Elapsed + stage.Elapsed };
            }
            else
            {
                stages.Add(new FrameworkStage(name, stage.Elapsed));
            }
        }

        // Rates over the same population share one count of it.
        var populations = new Dictionary<string, Dictionary<CellKey, Cell>>(StringComparer.Ordinal);
        var outcomes = new List<IndicatorOutcome>();
        try
        {
            foreach (var indicator in indicators)
            {
                outcomes.Add(Calculate(connection, indicator, periods, populations, stages));
            }
        }
        finally
        {
            foreach (var sql in FrameworkSql.CleanUp())
            {
                Execute(connection, sql);
            }
        }

        return new FrameworkResult(periods[^1].End, periods, outcomes, stopwatch.Elapsed, stages);
    }

    private static IndicatorOutcome Calculate(
        DbConnection connection, IndicatorDefinition indicator, IReadOnlyList<FrameworkPeriod> periods, Dictionary<string, Dictionary<CellKey, Cell>> populations,
        List<FrameworkStage> stages)
    {
        var stage = Stopwatch.StartNew();
        var breakdowns = indicator.Breakdowns;
        Dictionary<CellKey, Cell> cells;
        var parts = FrameworkSql.Parts(indicator);
        if (indicator.SeparateNumerator)
        {
            var numerator = Read(connection, FrameworkSql.Aggregate(parts[0], breakdowns));
            string key = $"{indicator.Population}|{indicator.Denominator.Where}|{indicator.Denominator.Value}|{string.Join(',', breakdowns)}";
            if (!populations.TryGetValue(key, out var population))
            {
                population = Read(connection, FrameworkSql.Aggregate(parts[1], breakdowns));
                populations[key] = population;
            }

            cells = population.ToDictionary(p => p.Key, p => p.Value with { Numerator = new double[Bands], NumeratorRows = new double[Bands] });
            foreach (var (cellKey, counted) in numerator)
            {
                if (!cells.TryGetValue(cellKey, out var cell))
                {
                    cell = new Cell(new double[Bands], new double[Bands], new double[Bands], new double[Bands], new double[Bands]);
                    cells[cellKey] = cell;
                }

                for (int b = 0; b < Bands; b++)
                {
                    cell.Numerator[b] += counted.Numerator[b];
                    cell.NumeratorRows[b] += counted.NumeratorRows[b];
                }
            }
        }
        else
        {
            cells = Read(connection, FrameworkSql.Aggregate(parts[0], breakdowns));
        }

        stages.Add(new FrameworkStage($"{indicator.Id}: counts", stage.Elapsed));
        stage.Restart();
        var notes = new List<string>();
        var values = new List<IndicatorValue>();
        foreach (var period in periods)
        {
            foreach (var breakdown in (IEnumerable<Breakdown>)[Breakdown.Overall, .. breakdowns])
            {
                var groups = cells.Where(c => c.Key.PeriodId == period.Id && c.Key.Breakdown == breakdown)
                    .OrderBy(c => c.Key.Group, StringComparer.Ordinal).ToList();
                if (breakdown == Breakdown.Overall && groups.Count == 0)
                {
                    groups.Add(new(new CellKey(period.Id, Breakdown.Overall, All), Cell.Empty));
                }

                values.AddRange(Suppress(indicator, period, breakdown, groups));
            }
        }

        var trend = Trend(indicator, periods, values, notes);
        var year = periods.LastOrDefault(p => p.Kind == PeriodKind.Year);
        var latest = values.FirstOrDefault(v => v.Period == year && v.Breakdown == Breakdown.Overall);
        var inequality = year is null || !breakdowns.Contains(Breakdown.DeprivationQuintile) ? null : Inequality(indicator, cells, year, notes);
        stages.Add(new FrameworkStage($"{indicator.Id}: statistics", stage.Elapsed));
        return new IndicatorOutcome(indicator, values, trend, RagOf(indicator, latest), inequality, notes);
    }

    /// <summary>The figures of one breakdown in one period, with small numbers withheld (SmallNumberSuppression): a
    /// group's count of events or rows from 1 to 7 is withheld, and so are a proportion's or mean's denominators from
    /// 1 to 7; where one group alone is withheld the next smallest goes too, since the whole population's figure is
    /// shown beside the breakdown.</summary>
    private static IEnumerable<IndicatorValue> Suppress(IndicatorDefinition indicator, FrameworkPeriod period, Breakdown breakdown, List<KeyValuePair<CellKey, Cell>> groups)
    {
        bool rowsDisclose = indicator.Statistic is IndicatorStatistic.Proportion or IndicatorStatistic.Mean;
        var counts = groups.Select(g => (long)Math.Round(g.Value.NumeratorRows.Sum())).ToList();
        var primary = groups.Select(g => SmallNumberSuppression.IsSmall((long)Math.Round(g.Value.NumeratorRows.Sum()))
            || (rowsDisclose && SmallNumberSuppression.IsSmall((long)Math.Round(g.Value.Rows.Sum())))).ToList();
        var withheld = SmallNumberSuppression.Suppress(counts, primary, totalShown: breakdown != Breakdown.Overall);
        for (int i = 0; i < groups.Count; i++)
        {
            var (key, cell) = (groups[i].Key, groups[i].Value);
            if (withheld[i])
            {
                yield return new IndicatorValue(indicator.Id, indicator.Version, period, breakdown, key.Group, null, null, null, null, null, true, "small number withheld");
                continue;
            }

            var (estimate, note) = Estimate(indicator, cell);
            yield return new IndicatorValue(indicator.Id, indicator.Version, period, breakdown, key.Group,
                estimate?.Value, estimate?.Lower, estimate?.Upper, cell.Numerator.Sum(), cell.Denominator.Sum(), false, note);
        }
    }

    /// <summary>The statistic from a cell's counts, or null with the reason.</summary>
    internal static (Estimate? Estimate, string? Note) Estimate(IndicatorDefinition indicator, Cell cell)
    {
        double numerator = cell.Numerator.Sum();
        double denominator = cell.Denominator.Sum();
        if (!(denominator > 0))
        {
            return (null, "no denominator");
        }

        switch (indicator.Statistic)
        {
            case IndicatorStatistic.Proportion:
                return (Proportions.Wilson(numerator, denominator, multiplier: indicator.Multiplier), null);
            case IndicatorStatistic.CrudeRate:
                return (Rates.Crude(numerator, denominator, multiplier: indicator.Multiplier), null);
            case IndicatorStatistic.Dsr:
                var bands = Enumerable.Range(0, Bands).Where(b => cell.Denominator[b] > 0)
                    .Select(b => new StandardisedBand(cell.Numerator[b], cell.Denominator[b], EuropeanStandardPopulation2013.Weights[b])).ToList();
                var dsr = DirectlyStandardisedRates.Dobson(bands, multiplier: indicator.Multiplier);
                return (dsr.Estimate, dsr.Estimate.Value is null ? DirectlyStandardisedRates.TooFewEvents : null);
            case IndicatorStatistic.Mean:
                return MeanOfSums(denominator, numerator, cell.NumeratorSquares.Sum(), indicator.Multiplier);
            default:
                throw new ArgumentOutOfRangeException(nameof(indicator));
        }
    }

    /// <summary>A mean with Student's t limits from the count, sum and sum of squares (the same as Means.Mean on the
    /// values themselves, which the counts stand for).</summary>
    private static (Estimate?, string?) MeanOfSums(double n, double sum, double squares, double multiplier)
    {
        if (n < 2)
        {
            return (null, "fewer than 2 values");
        }

        double mean = sum / n;
        double sd = Math.Sqrt(Math.Max(0, (squares - (n * mean * mean)) / (n - 1)));
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return (new Estimate(mean * multiplier, (mean - half) * multiplier, (mean + half) * multiplier, Confidence.Level95, Means.Method), null);
    }

    /// <summary>The monthly series for the whole population as an XmR chart; none while a month has no value.</summary>
    private static XmrChartResult? Trend(IndicatorDefinition indicator, IReadOnlyList<FrameworkPeriod> periods, List<IndicatorValue> values, List<string> notes)
    {
        var months = values.Where(v => v.Period.Kind == PeriodKind.Month && v.Breakdown == Breakdown.Overall).OrderBy(v => v.Period.Start).ToList();
        if (months.Count < XmrChart.MinimumPoints)
        {
            notes.Add($"No SPC chart: {months.Count} months, at least {XmrChart.MinimumPoints} are needed.");
            return null;
        }

        if (months.Any(m => m.Value is null))
        {
            notes.Add("No SPC chart: some months have no value (withheld or too few events).");
            return null;
        }

        return XmrChart.Calculate([.. months.Select(m => (m.Period.Start, m.Value!.Value))], indicator.Polarity, indicator.Target?.Value);
    }

    /// <summary>Green when the value meets the target, amber when it misses but its 95% limits reach the target, red
    /// when the whole interval misses it.</summary>
    internal static Rag RagOf(IndicatorDefinition indicator, IndicatorValue? latest)
    {
        if (indicator.Target is not { } target || indicator.Polarity == Polarity.Neutral || latest?.Value is not { } value)
        {
            return Rag.NoTarget;
        }

        bool higher = indicator.Polarity == Polarity.HigherIsBetter;
        if (higher ? value >= target.Value : value <= target.Value)
        {
            return Rag.Green;
        }

        double? reach = higher ? latest.Upper : latest.Lower;
        return reach is { } r && (higher ? r >= target.Value : r <= target.Value) ? Rag.Amber : Rag.Red;
    }

    /// <summary>The slope and relative index of inequality across the five deprivation quintiles in the reporting
    /// year, from unsuppressed counts (the indices identify no one); none unless every quintile has a value.</summary>
    private static InequalityResult? Inequality(IndicatorDefinition indicator, Dictionary<CellKey, Cell> cells, FrameworkPeriod year, List<string> notes)
    {
        var quintiles = new List<QuantileValue>();
        for (int q = 1; q <= 5; q++)
        {
            var key = new CellKey(year.Id, Breakdown.DeprivationQuintile, q.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!cells.TryGetValue(key, out var cell) || Estimate(indicator, cell).Estimate is not { Value: { } value, Lower: { } lower, Upper: { } upper }
                || !(upper > lower))
            {
                notes.Add($"No inequality indices: deprivation quintile {q} has no value with limits in {year.Label}.");
                return null;
            }

            quintiles.Add(new QuantileValue(q, cell.Denominator.Sum(), value, Lower95: lower, Upper95: upper));
        }

        return SlopeIndexOfInequality.Calculate(quintiles, repetitions: InequalityRepetitions);
    }

    internal const int Bands = 19;

    /// <summary>A period, breakdown and group.</summary>
    internal readonly record struct CellKey(int PeriodId, Breakdown Breakdown, string Group);

    /// <summary>Sums by ESP2013 band: numerator, its squares (for means), denominator, and the rows behind each.</summary>
    internal sealed record Cell(double[] Numerator, double[] NumeratorSquares, double[] Denominator, double[] Rows, double[] NumeratorRows)
    {
        public static Cell Empty => new(new double[Bands], new double[Bands], new double[Bands], new double[Bands], new double[Bands]);
    }

    private static Dictionary<CellKey, Cell> Read(DbConnection connection, string sql)
    {
        var cells = new Dictionary<CellKey, Cell>();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            int period = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            int band = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            var (breakdown, group) = (Breakdown.Overall, All);
            for (int column = 2; column <= 6; column++)
            {
                if (!reader.IsDBNull(column))
                {
                    breakdown = ColumnBreakdowns[column - 2];
                    group = reader.GetString(column);
                    break;
                }
            }

            var key = new CellKey(period, breakdown, group);
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = Cell.Empty;
                cells[key] = cell;
            }

            cell.Numerator[band] += reader.GetDouble(7);
            cell.NumeratorSquares[band] += reader.GetDouble(8);
            cell.Denominator[band] += reader.GetDouble(9);
            cell.NumeratorRows[band] += reader.GetDouble(10);
            cell.Rows[band] += reader.GetDouble(11);
        }

        return cells;
    }

    // The order of the breakdown columns in FrameworkSql.Aggregate's select list.
    private static readonly Breakdown[] ColumnBreakdowns =
        [Breakdown.Locality, Breakdown.DeprivationQuintile, Breakdown.AgeGroup, Breakdown.Sex, Breakdown.EthnicGroup];

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
