using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Staff;
using OnePlace.Synthetic.Demo;

namespace OnePlace.Web.Tests;

/// <summary>
/// The pooled fund ledger's pages and exports on the demo partnership's agreements (a real store, SQLite or PostgreSQL).
/// The Walsall Together demo pool is £33m: contributions council £18m, CCG £13.2m, mental health trust £1.2m, acute
/// trust £0.6m; seven months of actuals put it £687,750.00 over (IC-REABLE +£232,000, HOMECARE +£498,000, CAREHOME
/// +£21,750, MH-LIAISON +£1,000, EQUIP −£2,000, UCR −£63,000, each month's wobble worked out from DemoPooledFunds). The
/// rule shares £500,000 of it in proportion (council £272,727.27, CCG £200,000.00, mental health trust £18,181.82, acute
/// trust £9,090.91) and the council bears the £187,750.00 beyond: £460,477.27 in all.
/// </summary>
public sealed class PooledFundPagesTests
{
    private static async Task<(OnePlaceApp App, int Walsall)> StartAsync()
    {
        var app = await OnePlaceApp.StartAsync();
        await using var db = app.OpenStore();
        Assert.True(await DemoPooledFunds.EnsureAsync(db, TimeProvider.System));
        int walsall = await db.PooledFundAgreements.Where(a => a.Name.StartsWith("Walsall")).Select(a => a.Id).SingleAsync();
        return (app, walsall);
    }

    [Fact]
    public async Task A_finance_lead_sees_budget_actual_forecast_and_variance_per_partner_and_scheme_and_the_capped_risk_share()
    {
        var (app, walsall) = await StartAsync();
        await using var _ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);

        var list = await finance.GetPageAsync("/pooled-fund");
        var page = WebUtility.HtmlDecode(await finance.GetPageAsync($"/pooled-fund/{walsall}")).ReplaceLineEndings("");

        Assert.Contains("Walsall Together Section 75 pooled fund", list, StringComparison.Ordinal);
        Assert.Contains("Powys Section 33 integrated services pool", list, StringComparison.Ordinal);
        Assert.Contains("Section 33, National Health Service (Wales) Act 2006", list, StringComparison.Ordinal);
        Assert.Contains("Illustrative demo figures", page, StringComparison.Ordinal);
        Assert.Contains("October 2019", page, StringComparison.Ordinal);
        // The pool: £33,000,000 budget, £19,937,750 actual to date, forecast £33,687,750, +£687,750.
        Assert.Matches(@"id=""total-pool"">.*£33,000,000.*£19,937,750.*£33,687,750.*\+£687,750", page);
        // Home care: £14,400,000 budget, £8,898,000 to date, £14,898,000 forecast, +£498,000.
        Assert.Matches(@"id=""scheme-HOMECARE"">.*£14,400,000.*£8,898,000.*£14,898,000.*\+£498,000", page);
        // The council commissions IC-REABLE, EQUIP and HOMECARE: £26,400,000 budget, +£728,000.
        Assert.Matches(@"id=""partner-E08000030"">.*£18,000,000.*£26,400,000.*\+£728,000", page);
        Assert.Contains("Up to £500,000.00 of the pool's forecast overspend is shared in proportion to contributions; Walsall Council bears any overspend beyond it.", page, StringComparison.Ordinal);
        Assert.Matches(@"id=""risk-E08000030"">.*£272,727.27.*£187,750.00.*£460,477.27", page);
        Assert.Matches(@"id=""risk-05Y"">.*£200,000.00.*£0.00.*£200,000.00", page);
        Assert.Matches(@"id=""risk-TAJ"">.*£18,181.82", page);
        Assert.Matches(@"id=""risk-RBK"">.*£9,090.91", page);
        Assert.Matches(@"id=""risk-total"">.*£500,000.00.*£187,750.00.*£687,750.00", page);
        Assert.Contains("<svg class=\"oneplace-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"monthly-table\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_a_bad_row_is_refused_line_by_line_and_changes_nothing_and_a_good_one_is_imported()
    {
        var (app, walsall) = await StartAsync();
        await using var _ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        await using var db = app.OpenStore();
        int actuals = await db.SchemeActuals.CountAsync();
        int audit = await db.AuditLog.CountAsync();

        var refused = await finance.UploadAsync($"/pooled-fund/{walsall}", "actuals", "file", "november.csv",
            "scheme,partner,month,amount\nHOMECARE,E08000030,2019-11,1272000.00\nHOSPICE,E08000030,2019-11,10.00\nUCR,05Y,2019-10,300000.00\n");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The file was refused and nothing was imported. Problems: 2", html, StringComparison.Ordinal);
        Assert.Contains("scheme &#x27;HOSPICE&#x27; is not a scheme of the agreement", html, StringComparison.Ordinal);
        Assert.Contains("actuals for scheme UCR in 2019-10 are already held", html, StringComparison.Ordinal);
        Assert.Equal(actuals, await db.SchemeActuals.CountAsync());
        Assert.Equal(audit, await db.AuditLog.CountAsync());

        var imported = await finance.UploadAsync($"/pooled-fund/{walsall}", "actuals", "file", "november.csv",
            "scheme,partner,month,amount\nHOMECARE,E08000030,2019-11,1272000.00\n");

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(actuals + 1, await db.SchemeActuals.CountAsync());
        var row = await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("pooled_fund.actuals_imported", finance.Email), (row.Action, row.Actor));
        Assert.Contains("November 2019", await finance.GetPageAsync($"/pooled-fund/{walsall}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbook_opens_with_the_better_care_fund_sheets_and_the_totals_and_the_csv_has_the_pool()
    {
        var (app, walsall) = await StartAsync();
        await using var _ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);

        var xlsx = await finance.GetAsync($"/pooled-fund/{walsall}/export.xlsx");
        var csv = await finance.GetPageAsync($"/pooled-fund/{walsall}/export.csv");

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        Assert.Equal(["Cover", "Budget arrangements", "Income by source", "Expenditure by scheme", "Risk share", "Monthly"], workbook.Worksheets.Select(w => w.Name));
        var income = workbook.Worksheet("Income by source");
        var total = income.RowsUsed().Single(r => r.Cell(1).GetString() == "Total");
        Assert.Equal(33_000_000m, total.Cell(4).GetValue<decimal>());
        var expenditure = workbook.Worksheet("Expenditure by scheme");
        var pool = expenditure.RowsUsed().Single(r => r.Cell(1).GetString() == "pool");
        Assert.Equal(33_000_000m, pool.Cell(7).GetValue<decimal>());
        Assert.Equal(687_750m, pool.Cell(11).GetValue<decimal>());
        var risk = workbook.Worksheet("Risk share");
        Assert.Equal(460_477.27m, risk.RowsUsed().Single(r => r.Cell(2).GetString() == "E08000030").Cell(6).GetValue<decimal>());
        Assert.Equal(687_750m, risk.RowsUsed().Single(r => r.Cell(1).GetString() == "Pool forecast variance").Cell(6).GetValue<decimal>());
        Assert.Contains("Section 75, National Health Service Act 2006 (England)", workbook.Worksheet("Cover").Cell(3, 2).GetString(), StringComparison.Ordinal);
        Assert.Contains("pool,,Pooled fund (in scope),true,,,33000000.00,19250000.00,19937750.00,33687750.00,687750.00", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.Analyst)]
    [InlineData(StaffRoles.Administrator)]
    public async Task Staff_without_a_finance_role_are_refused_the_pages_the_exports_and_the_upload(string role)
    {
        var (app, walsall) = await StartAsync();
        await using var _ = app;
        using var staff = await app.SignedInAsync(role);
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        await using var db = app.OpenStore();
        int actuals = await db.SchemeActuals.CountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/pooled-fund")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/pooled-fund/{walsall}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/pooled-fund/{walsall}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/pooled-fund/{walsall}/export.csv")).StatusCode);
        Assert.DoesNotContain("href=\"/pooled-fund\"", await staff.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/pooled-fund\"", await finance.GetPageAsync("/"), StringComparison.Ordinal);
        // The upload form is not shown to them; a post made with a token from a page they may load is refused too.
        var posted = await staff.PostWithTokenFromAsync("/", $"/pooled-fund/{walsall}", "actuals", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(actuals, await db.SchemeActuals.CountAsync());
    }
}
