using System.Globalization;
using ClosedXML.Excel;
using OnePlace.Planning.Engine;

namespace OnePlace.Planning.Output;

/// <summary>A run's results as an Excel workbook: the summary of every total, the gap bridge and, when not too many,
/// each run's parameters (the same tables as the CSV files).</summary>
public static class ScenarioWorkbook
{
    /// <summary>Above this many runs the parameters sheet is left out (the CSV has them all).</summary>
    public const int MostParameterRows = 100_000;

    public static void Write(ScenarioResult result, Stream stream)
    {
        using var workbook = new XLWorkbook();
        Sheet(workbook, "Summary", ScenarioTables.SummaryColumns, [.. ScenarioTables.Summary(result)]);
        Sheet(workbook, "Bridge", ScenarioTables.BridgeColumns, [.. ScenarioTables.Bridge(result)]);
        var parameters = ScenarioTables.Parameters(result).ToList();
        if (parameters.Count <= MostParameterRows)
        {
            Sheet(workbook, "Parameters", ["run", .. result.Parameters.Names], parameters);
        }

        workbook.SaveAs(stream);
    }

    /// <summary>One sheet: numbers as numbers, text as text, the header frozen and filtered.</summary>
    private static void Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> columns, List<object?[]> rows)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (int c = 0; c < columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c];
        }

        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case double d:
                        cell.Value = d;
                        break;
                    case int i:
                        cell.Value = i;
                        break;
                    case var other:
                        cell.SetValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                        break;
                }
            }
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(1, rows.Count + 1), columns.Count).SetAutoFilter();
    }
}
