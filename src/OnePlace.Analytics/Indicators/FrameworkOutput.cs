using System.Globalization;
using DuckDB.NET.Data;
using OnePlace.Analytics.Store;
using OnePlace.Core.Exports;

namespace OnePlace.Analytics.Indicators;

/// <summary>
/// Where a framework run goes: a file with one row per indicator × period × breakdown group (<c>oneplace indicators
/// --out</c>), and the analytical store's <c>indicator_value</c>, <c>indicator_trend</c> and <c>indicator_summary</c>
/// tables that the dashboards read. Both hold suppressed figures as withheld (no value, limits or counts).
/// </summary>
public static class FrameworkOutput
{
    /// <summary>The columns of the file, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "indicator_id", "version", "title", "unit", "period_kind", "period_start", "period_end", "breakdown", "group",
        "value", "lower_ci_95", "upper_ci_95", "numerator", "denominator", "suppressed", "note",
    ];

    /// <summary>Writes the run's rows as CSV (RFC 4180, invariant culture, full precision).</summary>
    public static void WriteCsv(FrameworkResult result, TextWriter writer) => WriteCsv(Rows(result), writer);

    /// <summary>Writes rows of <see cref="Columns"/> as CSV (RFC 4180, invariant culture, full precision).</summary>
    public static void WriteCsv(IEnumerable<object?[]> rows, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = new SpreadsheetSafeCsvWriter(writer, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field switch
                {
                    null => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(field, CultureInfo.InvariantCulture),
                });
            }

            csv.NextRecord();
        }
    }

    /// <summary>Every figure as a row of <see cref="Columns"/>.</summary>
    public static IEnumerable<object?[]> Rows(FrameworkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var outcome in result.Indicators)
        {
            var d = outcome.Definition;
            foreach (var v in outcome.Values)
            {
                yield return
                [
                    d.Id, d.Version, d.Title, d.Unit, v.Period.Kind.ToString().ToLowerInvariant(), Day(v.Period.Start), Day(v.Period.End),
                    v.Breakdown.Name(), v.Group, v.Value, v.Lower, v.Upper, v.Numerator, v.Denominator, v.Suppressed, v.Note,
                ];
            }
        }
    }

    /// <summary>The stored figures as rows of <see cref="Columns"/>, as the last run wrote them.</summary>
    public static IEnumerable<object?[]> Rows(OutcomesSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var indicators = snapshot.Indicators.ToDictionary(i => i.Id);
        foreach (var v in snapshot.Values.Where(v => indicators.ContainsKey(v.IndicatorId)))
        {
            var d = indicators[v.IndicatorId];
            yield return
            [
                d.Id, d.Version, d.Title, d.Unit, v.Kind.ToString().ToLowerInvariant(), Day(v.Start), Day(v.End), v.Breakdown, v.Group,
                v.Value, v.Lower, v.Upper, v.Numerator, v.Denominator, v.Suppressed, v.Note,
            ];
        }
    }

    /// <summary>Writes rows of <see cref="Columns"/> as an Excel workbook: one sheet of figures (numbers as numbers, so
    /// they can be charted), with the header row frozen and filtered.</summary>
    public static void WriteExcel(IEnumerable<object?[]> rows, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.Worksheets.Add("Indicators");
        for (int c = 0; c < Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = Columns[c];
        }

        int r = 2;
        foreach (var row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case double d:
                        cell.Value = d;
                        break;
                    case int i:
                        cell.Value = i;
                        break;
                    case bool b:
                        cell.Value = b;
                        break;
                    case var other:
                        // Text stays text: a group such as "1" or a code must not become a number or a date.
                        cell.SetValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                        break;
                }
            }

            r++;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(1, r - 1), Columns.Count).SetAutoFilter();
        workbook.SaveAs(stream);
    }

    /// <summary>Replaces the store's framework tables with this run, in one transaction.</summary>
    public static void Save(AnalyticsStore store, FrameworkResult result)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        using var duck = store.Open();
        AnalyticsStore.Execute(duck, """
            CREATE OR REPLACE TABLE indicator_value__next (
                indicator_id VARCHAR NOT NULL, version INTEGER NOT NULL, period_kind VARCHAR NOT NULL, period_start DATE NOT NULL,
                period_end DATE NOT NULL, breakdown VARCHAR NOT NULL, group_name VARCHAR NOT NULL, value DOUBLE, lower_ci_95 DOUBLE,
                upper_ci_95 DOUBLE, numerator DOUBLE, denominator DOUBLE, suppressed BOOLEAN NOT NULL, note VARCHAR);
            CREATE OR REPLACE TABLE indicator_trend__next (
                indicator_id VARCHAR NOT NULL, period_start DATE NOT NULL, value DOUBLE NOT NULL, mean DOUBLE NOT NULL,
                lower_limit DOUBLE NOT NULL, upper_limit DOUBLE NOT NULL, variation VARCHAR NOT NULL);
            CREATE OR REPLACE TABLE indicator_summary__next (
                indicator_id VARCHAR NOT NULL, version INTEGER NOT NULL, run_at TIMESTAMP NOT NULL, reach DATE NOT NULL,
                title VARCHAR NOT NULL, domain VARCHAR NOT NULL, definition VARCHAR NOT NULL, statistic VARCHAR NOT NULL, multiplier DOUBLE NOT NULL,
                unit VARCHAR NOT NULL, polarity VARCHAR NOT NULL, target DOUBLE, target_source VARCHAR, source VARCHAR NOT NULL,
                reference VARCHAR, rag VARCHAR NOT NULL, variation VARCHAR, assurance VARCHAR, sii DOUBLE, sii_lower DOUBLE, sii_upper DOUBLE,
                rii DOUBLE, rii_lower DOUBLE, rii_upper DOUBLE, notes VARCHAR NOT NULL);
            """);
        var now = DateTime.UtcNow;
        using (var values = duck.CreateAppender("indicator_value__next"))
        using (var trend = duck.CreateAppender("indicator_trend__next"))
        using (var summary = duck.CreateAppender("indicator_summary__next"))
        {
            foreach (var outcome in result.Indicators)
            {
                var d = outcome.Definition;
                foreach (var v in outcome.Values)
                {
                    values.CreateRow().AppendValue(d.Id).AppendValue(d.Version).AppendValue(v.Period.Kind.ToString().ToLowerInvariant())
                        .AppendValue(v.Period.Start).AppendValue(v.Period.End).AppendValue(v.Breakdown.Name()).AppendValue(v.Group)
                        .AppendValue(v.Value).AppendValue(v.Lower).AppendValue(v.Upper).AppendValue(v.Numerator).AppendValue(v.Denominator)
                        .AppendValue(v.Suppressed).AppendValue(v.Note).EndRow();
                }

                if (outcome.Trend is { } chart)
                {
                    foreach (var p in chart.Points)
                    {
                        trend.CreateRow().AppendValue(d.Id).AppendValue(p.Period).AppendValue(p.Value).AppendValue(chart.Mean)
                            .AppendValue(chart.LowerLimit).AppendValue(chart.UpperLimit).AppendValue(p.Variation.ToString()).EndRow();
                    }
                }

                var i = outcome.Inequality;
                summary.CreateRow().AppendValue(d.Id).AppendValue(d.Version).AppendValue(now).AppendValue(result.Reach)
                    .AppendValue(d.Title).AppendValue(d.Domain).AppendValue(d.Definition).AppendValue(d.Statistic.ToString()).AppendValue(d.Multiplier).AppendValue(d.Unit)
                    .AppendValue(d.Polarity.ToString()).AppendValue(d.Target?.Value).AppendValue(d.Target?.Source).AppendValue(d.Source).AppendValue(d.Reference)
                    .AppendValue(outcome.Rag.ToString()).AppendValue(outcome.Trend?.LatestVariation.ToString()).AppendValue(outcome.Trend?.Assurance.ToString())
                    .AppendValue(i?.Sii).AppendValue(i?.SiiLower).AppendValue(i?.SiiUpper).AppendValue(i?.Rii).AppendValue(i?.RiiLower).AppendValue(i?.RiiUpper)
                    .AppendValue(string.Join(" ", outcome.Notes)).EndRow();
            }
        }

        AnalyticsStore.Execute(duck, """
            BEGIN TRANSACTION;
            DROP TABLE IF EXISTS indicator_value; ALTER TABLE indicator_value__next RENAME TO indicator_value;
            DROP TABLE IF EXISTS indicator_trend; ALTER TABLE indicator_trend__next RENAME TO indicator_trend;
            DROP TABLE IF EXISTS indicator_summary; ALTER TABLE indicator_summary__next RENAME TO indicator_summary;
            COMMIT;
            """);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Runs the framework on the store's own connection.</summary>
    public static FrameworkResult Run(AnalyticsStore store, IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<FrameworkPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(store);
        using DuckDBConnection duck = store.Open();
        return OutcomesFramework.Run(duck, indicators, periods);
    }
}
