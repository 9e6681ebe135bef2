using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using OnePlace.Core.Exports;
using OnePlace.Core.Finance;

namespace OnePlace.Web.Features.PooledFund;

/// <summary>
/// An agreement's year as files. The workbook follows the sheets of the Better Care Fund templates (research note D
/// §2.1: Cover; Budget arrangements; Income by source; Expenditure by scheme) and adds the risk share and the months;
/// the CSV is the expenditure table, one row per scheme, partner and total. Amounts in pounds and pence.
/// </summary>
public static class PooledFundWorkbook
{
    public static readonly string[] Sheets = ["Cover", "Budget arrangements", "Income by source", "Expenditure by scheme", "Risk share", "Monthly"];

    public static readonly string[] ExpenditureColumns =
        ["level", "code", "name", "in_scope", "commissioner", "service_area", "budget_gbp", "budget_to_date_gbp", "actual_to_date_gbp", "forecast_outturn_gbp", "variance_gbp"];

    public static string FileName(PooledFundYear ledger, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"pooled-fund-{ledger.Agreement.Id}-{ledger.FinancialYear}.{extension}");

    /// <summary>The rows of the expenditure table: each scheme, the pool, the out-of-scope total and each partner's
    /// commissioned schemes.</summary>
    public static IEnumerable<object?[]> ExpenditureRows(PooledFundYear ledger)
    {
        foreach (var s in ledger.Schemes)
        {
            yield return Row("scheme", s.Scheme.Code, s.Scheme.Name, s.Scheme.InScope, s.CommissionerName, s.Scheme.ServiceArea, s.Figures);
        }

        yield return Row("pool", "", "Pooled fund (in scope)", true, "", "", ledger.Pool);
        yield return Row("out_of_scope", "", "Out of scope", false, "", "", ledger.OutOfScopeTotal);
        foreach (var p in ledger.Partners)
        {
            yield return Row("partner", p.Code, p.Name, true, p.Name, "", p.Commissioned);
        }
    }

    private static object?[] Row(string level, string code, string name, bool inScope, string commissioner, string area, LedgerFigures f) =>
        [level, code, name, inScope, commissioner, area, f.BudgetGbp, f.BudgetToDateGbp, f.ActualToDateGbp, f.ForecastGbp, f.VarianceGbp];

    public static byte[] Csv(PooledFundYear ledger)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new SpreadsheetSafeCsvWriter(text))
        {
            foreach (var column in ExpenditureColumns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in ExpenditureRows(ledger))
            {
                foreach (var field in row)
                {
                    csv.WriteField(field switch
                    {
                        bool b => b ? "true" : "false",
                        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
                        _ => Convert.ToString(field, CultureInfo.InvariantCulture),
                    });
                }

                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Excel(PooledFundYear ledger)
    {
        var a = ledger.Agreement;
        using var workbook = new XLWorkbook();
        var cover = workbook.Worksheets.Add(Sheets[0]);
        Fill(cover, ["Item", "Value"],
        [
            ["Agreement", a.Name],
            ["Legal basis", LegalBasisText(a.LegalBasis)],
            ["Host", ledger.HostName],
            ["Financial year", FinancialYear.Label(ledger.FinancialYear)],
            ["Actuals to", ledger.ReportedTo?.ToString("MMMM yyyy", CultureInfo.InvariantCulture) ?? "none yet"],
            ["Forecast method", ledger.Method == ForecastMethod.RunRate
                ? "Actual to date + remaining months' budget × (actual to date ÷ budget to date)"
                : "Actual to date + remaining months' budget"],
            ["Description", a.Description ?? ""],
        ]);

        var arrangements = workbook.Worksheets.Add(Sheets[1]);
        Fill(arrangements, ["Item", "Value"],
        [
            ["Pooled budget agreement in place", LegalBasisText(a.LegalBasis)],
            ["Agreement start", a.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            ["Financial years", $"{FinancialYear.Label(a.FirstYear)} to {FinancialYear.Label(a.LastYear)}"],
            ["Host partner", ledger.HostName],
            ["Partners", string.Join("; ", ledger.Partners.Select(p => p.Name))],
            ["Risk share", RuleText(ledger)],
        ]);

        var income = workbook.Worksheets.Add(Sheets[2]);
        Fill(income, ["Partner", "Code", "Host", "Contribution (£)", "Share of pool"],
        [
            .. ledger.Partners.Select(p => new object?[] { p.Name, p.Code, p.IsHost, p.ContributionGbp, p.ContributionShare }),
            ["Total", "", null, ledger.ContributionsGbp, ledger.ContributionsGbp == 0 ? 0m : 1m],
        ]);
        income.Column(5).Style.NumberFormat.Format = "0.0%";

        var expenditure = workbook.Worksheets.Add(Sheets[3]);
        Fill(expenditure, ["Level", "Code", "Scheme or partner", "In scope", "Commissioner", "Service area", "Budget (£)", "Budget to date (£)", "Actual to date (£)", "Forecast outturn (£)", "Variance (£)"],
            [.. ExpenditureRows(ledger)]);

        var risk = workbook.Worksheets.Add(Sheets[4]);
        Fill(risk, ["Partner", "Code", "Contribution (£)", "Shared by the rule (£)", "Beyond the cap (£)", "Total (£)"],
        [
            .. ledger.Partners.Select(p => new object?[] { p.Name, p.Code, p.ContributionGbp, p.RiskShare.SharedGbp, p.RiskShare.BeyondCapGbp, p.RiskShare.TotalGbp }),
            ["Pool forecast variance", "", ledger.ContributionsGbp, ledger.Partners.Sum(p => p.RiskShare.SharedGbp), ledger.Partners.Sum(p => p.RiskShare.BeyondCapGbp), ledger.Pool.VarianceGbp],
        ]);
        risk.Cell(ledger.Partners.Count + 4, 1).SetValue("Rule: " + RuleText(ledger));

        var monthly = workbook.Worksheets.Add(Sheets[5]);
        Fill(monthly, ["Month", "Budget (£)", "Actual (£)"],
            [.. ledger.Months.Select(m => new object?[] { m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.BudgetGbp, m.ActualGbp })]);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static string LegalBasisText(LegalBasis basis) => basis == LegalBasis.Section75England
        ? "Section 75, National Health Service Act 2006 (England)"
        : "Section 33, National Health Service (Wales) Act 2006";

    /// <summary>The rule in words, with its figures (the English of the page's rule text).</summary>
    public static string RuleText(PooledFundYear ledger)
    {
        var a = ledger.Agreement;
        string bearer = ledger.Partners.FirstOrDefault(p => p.Code == a.CapBearerCode)?.Name ?? a.CapBearerCode ?? "";
        return a.RiskShareRule switch
        {
            RiskShareRule.ProRata => "Variance shared in proportion to each partner's contribution for the year.",
            RiskShareRule.ByCommissioner => "Each partner bears the variance of the in-scope schemes it commissions.",
            _ => string.Create(CultureInfo.InvariantCulture, $"Variance up to £{a.RiskShareCapGbp:#,0.00} shared in proportion to contributions; {bearer} bears any overspend beyond it") +
                 (a.CapAppliesToUnderspend ? " and any underspend beyond it." : "; an underspend is shared in proportion whatever its size."),
        };
    }

    private static void Fill(IXLWorksheet sheet, string[] header, IReadOnlyList<object?[]> rows)
    {
        for (int c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case decimal d:
                        cell.SetValue(d);
                        cell.Style.NumberFormat.Format = "#,##0.00";
                        break;
                    case bool b:
                        cell.SetValue(b);
                        break;
                    case var other:
                        // Codes stay text: "05Y" or "7A7" must not become numbers.
                        cell.SetValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                        break;
                }
            }
        }

        sheet.SheetView.FreezeRows(1);
        // Fixed widths: measuring text to fit columns needs fonts a server may not have.
        sheet.Column(1).Width = 40;
        sheet.Columns(2, header.Length).Width = 18;
    }
}
