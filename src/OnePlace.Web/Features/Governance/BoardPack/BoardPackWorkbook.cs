using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>
/// The board pack as an Excel workbook: a Cover sheet, then a sheet per section (Outcomes, Finance, Scenario gap,
/// Risks, EqIAs, Programme), each of its tables under its caption with a header row, numbers kept as numbers (so a
/// board's analysts can work with them) and the Source column on every row.
/// </summary>
public static class BoardPackWorkbook
{
    public static byte[] Write(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        using var workbook = new XLWorkbook();
        var cover = workbook.Worksheets.Add("Cover");
        cover.Cell(1, 1).SetValue(t["BoardPackTitle_Page"].Value);
        cover.Cell(1, 1).Style.Font.Bold = true;
        cover.Cell(2, 1).SetValue(t["BoardPackPartnership"].Value);
        cover.Cell(2, 2).SetValue(pack.Partnership);
        cover.Cell(3, 1).SetValue(t["BoardPackPeriod"].Value);
        cover.Cell(3, 2).SetValue(pack.PeriodText);
        cover.Cell(4, 1).SetValue(t["BoardPackGeneratedAt"].Value);
        cover.Cell(4, 2).SetValue(pack.GeneratedAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        cover.Cell(6, 1).SetValue(t["BoardPackSourcesNote"].Value);
        cover.Column(1).Width = 24;

        foreach (var section in BoardPackTables.Of(pack, t))
        {
            var sheet = workbook.Worksheets.Add(section.Sheet);
            int row = 1;
            sheet.Cell(row, 1).SetValue(section.Title);
            sheet.Cell(row++, 1).Style.Font.Bold = true;
            foreach (var note in section.Notes)
            {
                sheet.Cell(row++, 1).SetValue(note);
            }

            foreach (var table in section.Tables)
            {
                row++;
                sheet.Cell(row, 1).SetValue(table.Caption);
                sheet.Cell(row++, 1).Style.Font.Italic = true;
                for (int c = 0; c < table.Headers.Count; c++)
                {
                    sheet.Cell(row, c + 1).SetValue(table.Headers[c]);
                }

                sheet.Row(row++).Style.Font.Bold = true;
                foreach (var cells in table.Rows)
                {
                    for (int c = 0; c < cells.Count; c++)
                    {
                        var cell = sheet.Cell(row, c + 1);
                        if (cells[c].Number is { } number)
                        {
                            cell.SetValue(number);
                            cell.Style.NumberFormat.Format = cells[c].Format;
                        }
                        else
                        {
                            cell.SetValue(cells[c].Text);
                        }
                    }

                    row++;
                }
            }

            // Widths from the text's length: ClosedXML's own fitting measures with GDI+, which Linux hosts lack.
            var widest = new Dictionary<int, int>();
            foreach (var table in section.Tables)
            {
                foreach (var cells in table.Rows.Prepend([.. table.Headers.Select(h => new PackCell(h))]))
                {
                    for (int c = 0; c < cells.Count; c++)
                    {
                        widest[c + 1] = Math.Max(widest.GetValueOrDefault(c + 1), cells[c].Text.Length);
                    }
                }
            }

            foreach (var (column, length) in widest)
            {
                sheet.Column(column).Width = Math.Clamp(length + 2, 10, 60);
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
