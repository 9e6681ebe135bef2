using System.Globalization;
using CsvHelper;
using OnePlace.Planning.Bridge;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Output;

/// <summary>
/// A scenario result as tables: every total per scenario × year × level (mean, P10, P50, P90 from the per-run totals,
/// and the midpoint run), the gap bridge per named scenario × year, and the parameters each run drew. The CLI writes
/// them as CSV and Excel; the web page shows them beside its charts.
/// </summary>
public static class ScenarioTables
{
    public static readonly IReadOnlyList<string> SummaryColumns = ["scenario", "year", "level", "key", "measure", "mean", "p10", "p50", "p90", "midpoint"];

    public static readonly IReadOnlyList<string> BridgeColumns = ["scenario", "year", "step", "kind", "key", "mean", "p10", "p50", "p90", "midpoint"];

    public static IEnumerable<object?[]> Summary(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var outcome in result.Scenarios)
        {
            var all = outcome.SummariseAll();
            for (int m = 0; m < result.Layout.Metrics.Count; m++)
            {
                var metric = result.Layout.Metrics[m];
                for (int t = 0; t < result.Years.Count; t++)
                {
                    var s = all[(m * result.Layout.Years) + t];
                    yield return [outcome.Id, ScenarioModel.FinancialYear(result.Years[t]), Name(metric.Level), metric.Key, Name(metric.Measure), s.Mean, s.P10, s.P50, s.P90, s.Midpoint];
                }
            }
        }
    }

    public static IEnumerable<object?[]> Bridge(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var scenario in result.Model.Scenarios)
        {
            foreach (int year in result.Years)
            {
                foreach (var step in GapBridge.For(result, scenario.Id, year))
                {
                    var s = step.Value;
                    yield return [scenario.Id, ScenarioModel.FinancialYear(year), step.Label, Name(step.Kind), step.Key, s.Mean, s.P10, s.P50, s.P90, s.Midpoint];
                }
            }
        }
    }

    /// <summary>The parameters of each run, run 0 being the midpoint run: the record that reproduces any run.</summary>
    public static IEnumerable<object?[]> Parameters(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        for (int run = 0; run <= result.Runs; run++)
        {
            yield return [run, .. result.Parameters.Names.Select(n => (object?)result.Parameter(run, n))];
        }
    }

    public static void WriteCsv(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }

    private static string Name<T>(T value)
        where T : struct, Enum => string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
