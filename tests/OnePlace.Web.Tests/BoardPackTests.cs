using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Analytics.Indicators;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Synthetic.Demo;
using OnePlace.Web.Features.Governance;
using OnePlace.Web.Features.Outcomes;

namespace OnePlace.Web.Tests;

/// <summary>
/// The board pack on a real framework run (<see cref="OutcomesStore"/>), the demo partnership's pooled funds
/// (<see cref="DemoPooledFunds"/>), the scenario library and a register, assessments and a programme written straight
/// into the store: its figures are the dashboards' own (the /outcomes, pooled fund and scenario pages, parsed), the
/// PDF renders and reads back, the workbook holds the same numbers, each look is audited and only the programme office,
/// board members and administrators get it.
/// </summary>
public sealed class BoardPackTests(OutcomesStore outcomes) : IClassFixture<OutcomesStore>
{
    private static readonly HtmlParser Parser = new();

    private async Task<(OnePlaceApp App, int Walsall, DateOnly Period)> StartAsync()
    {
        var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { [outcomes.Setting.Key] = outcomes.Setting.Value, ["Governance:Partnership"] = "Walsall Together" });
        var snapshot = OutcomesSnapshot.Load(outcomes.Path);
        var latest = snapshot.Trend.Max(p => p.Period);
        var period = new DateOnly(latest.Year, latest.Month, 1);
        await using var db = app.OpenStore();
        Assert.True(await DemoPooledFunds.EnsureAsync(db, TimeProvider.System));
        int walsall = await db.PooledFundAgreements.Where(a => a.Name.StartsWith("Walsall")).Select(a => a.Id).SingleAsync();
        await GovernanceFixture.AddAsync(db, snapshot, period);
        return (app, walsall, period);
    }

    [Fact]
    public async Task The_outcomes_section_shows_every_indicator_as_the_outcomes_page_does_with_the_months_xmr_point()
    {
        var (app, _, period) = await StartAsync();
        await using var _app = app;
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        var snapshot = OutcomesSnapshot.Load(outcomes.Path);

        var pack = Parse(await board.GetPageAsync("/governance/board-pack"));
        var dashboard = Parse(await board.GetPageAsync("/outcomes"));

        Assert.Contains(period.ToString("MMMM yyyy", CultureInfo.InvariantCulture), pack.QuerySelector("#board-pack-period")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Walsall Together", pack.QuerySelector("#board-pack-period")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(snapshot.Indicators);
        Assert.Contains(snapshot.Indicators, i => snapshot.Trend.Any(p => p.IndicatorId == i.Id && p.Period.Year == period.Year && p.Period.Month == period.Month));
        foreach (var indicator in snapshot.Indicators)
        {
            var shown = Cells(dashboard.QuerySelector($"tr[data-indicator='{indicator.Id}']")!);
            var row = Cells(pack.QuerySelector($"tr[data-source='/outcomes/indicators/{indicator.Id}']")!);
            Assert.Equal(shown[0], row[0]);
            Assert.Equal(shown[1], $"{row[1]} {row[2]}".Trim());
            Assert.Equal(shown[2..7], row[3..8]);
            // An indicator without a point in the month (no chart, or a shorter one) shows dashes there.
            var point = snapshot.Trend.SingleOrDefault(p => p.IndicatorId == indicator.Id && p.Period.Year == period.Year && p.Period.Month == period.Month);
            Assert.Equal([OutcomesText.Number(point?.Value), OutcomesText.Number(point?.Mean), OutcomesText.Number(point?.LowerLimit), OutcomesText.Number(point?.UpperLimit)], row[8..12]);
            Assert.Contains($"indicator {indicator.Id} v{indicator.Version}, run {indicator.RunAtUtc:yyyy-MM-dd HH:mm} UTC", row[13], StringComparison.Ordinal);
            bool charted = indicator.Rag == "Red" || indicator.Variation?.StartsWith("SpecialCause", StringComparison.Ordinal) == true
                || point?.Variation.StartsWith("SpecialCause", StringComparison.Ordinal) == true;
            Assert.Equal(charted && snapshot.Trend.Any(p => p.IndicatorId == indicator.Id), pack.QuerySelector($"#trend-{indicator.Id}-title") is not null);
        }
    }

    [Fact]
    public async Task The_finance_section_is_the_pooled_fund_pages_position_and_a_past_month_leaves_later_actuals_out_and_the_scenario_gap_is_the_scenario_pages()
    {
        var (app, walsall, _) = await StartAsync();
        await using var _app = app;
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);

        var pack = Parse(await office.GetPageAsync("/governance/board-pack?period=2019-10"));
        var ledger = Parse(await office.GetPageAsync($"/pooled-fund/{walsall}?year=2019"));

        string source = $"/pooled-fund/{walsall}?year=2019";
        var pool = Cells(pack.QuerySelectorAll($"tr[data-source='{source}']").Single());
        Assert.Equal(["£33,000,000", "£19,937,750", "£33,687,750", "+£687,750"], pool[2..6]);
        Assert.Equal(Cells(ledger.QuerySelector("#total-pool")!)[1..5], pool[2..6]);
        foreach (var code in new[] { "HOMECARE", "IC-REABLE", "UCR", "EQUIP" })
        {
            var scheme = Cells(pack.QuerySelector($"tr[data-source='{source}#scheme-{code}']")!);
            Assert.Equal(Cells(ledger.QuerySelector($"#scheme-{code}")!)[3..7], scheme[2..6]);
            Assert.Contains($"pooled fund agreement {walsall}, 2019/20, actuals to 2019-10, scheme {code}", scheme[6], StringComparison.Ordinal);
        }

        // July: four months of actuals, as the ledger's monthly figures have them.
        var july = Parse(await office.GetPageAsync("/governance/board-pack?period=2019-07"));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var year = await scope.ServiceProvider.GetRequiredService<PooledFundReport>().YearAsync(new StaffActor("f", "finance@partnership.test", [StaffRoles.FinanceLead]), walsall, 2019);
            decimal toJuly = year!.Months.Take(4).Sum(m => m.ActualGbp ?? 0m);
            var julyPool = Cells(july.QuerySelectorAll($"tr[data-source='{source}']").Single());
            Assert.Equal(Features.PooledFund.PooledFundText.Pounds(toJuly), julyPool[3]);
            Assert.Contains("actuals to 2019-07", julyPool[6], StringComparison.Ordinal);
        }

        // The scenario gap: the residual's P50 is the scenario page's gap at the horizon.
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);
        var scenarioPage = Parse(await analyst.GetPageAsync("/planning/scenarios/walsall-2019-business-case"));
        var residuals = pack.QuerySelectorAll("tr[data-source^='/planning/scenarios/walsall-2019-business-case?scenario=']")
            .Where(r => Cells(r)[0] == "Residual gap").ToList();
        Assert.NotEmpty(residuals);
        foreach (var residual in residuals)
        {
            string id = Uri.UnescapeDataString(residual.GetAttribute("data-source")!.Split("scenario=")[1]);
            Assert.Equal(Cells(scenarioPage.QuerySelector($"tr[data-scenario='{id}']")!)[4], Cells(residual)[2]);
        }

        var latest = OutcomesSnapshot.Load(outcomes.Path).Trend.Max(p => p.Period);
        Assert.Contains($"does not cover {FinancialYear.Label(FinancialYear.Of(latest))}", WebUtility.HtmlDecode(await office.GetPageAsync("/governance/board-pack")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risks_assessments_and_the_programme_are_read_as_at_the_periods_end()
    {
        var (app, _, period) = await StartAsync();
        await using var _app = app;
        using var admin = await app.SignedInAsync(StaffRoles.Administrator);

        var pack = Parse(await admin.GetPageAsync("/governance/board-pack"));
        var landing = Parse(await admin.GetPageAsync("/governance"));

        await using var db = app.OpenStore();
        var risks = await db.Risks.AsNoTracking().ToListAsync();
        var shown = pack.QuerySelectorAll("tr[data-source^='/governance/risks/']").Select(r => Cells(r)[0]).ToList();
        Assert.Equal(10, shown.Count);
        Assert.Equal(risks.Where(r => r.Status == RiskStatus.Open).OrderByDescending(r => r.CurrentScore).ThenByDescending(r => r.InherentScore).ThenBy(r => r.Reference, StringComparer.Ordinal)
            .Take(10).Select(r => r.Reference), shown);
        Assert.DoesNotContain("R-013", shown); // closed
        var top = Cells(pack.QuerySelector($"tr[data-source='/governance/risks/{risks.Single(r => r.Reference == "R-001").Id}']")!);
        Assert.Equal(["20 extreme", "20 extreme", "6 moderate"], top[3..6]);
        Assert.Contains("review date reached", top[7], StringComparison.Ordinal);
        var readings = IndicatorReadings.From(OutcomesSnapshot.Load(outcomes.Path));
        var r002 = risks.Single(r => r.Reference == "R-002");
        string watchedId = GovernanceFixture.WatchedIndicator(OutcomesSnapshot.Load(outcomes.Path));
        var reasons = RiskReview.DueReasons(r002, [watchedId], readings, period.AddMonths(1).AddDays(-1));
        string expected = reasons.Count == 0 ? "No" : string.Join("; ", reasons.Select(r => r.Reason switch
        {
            RiskReviewReason.ReviewDateReached => "review date reached",
            RiskReviewReason.SpecialCauseSignal => $"special-cause concern on {r.IndicatorId}",
            _ => $"target missed on {r.IndicatorId}",
        }));
        Assert.Equal(expected, Cells(pack.QuerySelector($"tr[data-source='/governance/risks/{r002.Id}']")!)[7]);
        Assert.Contains("12 open risks", pack.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("12", landing.QuerySelector("[data-count='open-risks']")!.TextContent);

        var eqias = pack.QuerySelectorAll("tr[data-source^='/governance/equality/']").Select(r => Cells(r)[0]).ToList();
        Assert.Equal(["EQIA-001", "EQIA-002", "EQIA-004"], eqias);
        Assert.Contains("Awaiting sign-off, overdue", Cells(pack.QuerySelectorAll("tr[data-source^='/governance/equality/']")[0])[3], StringComparison.Ordinal);
        Assert.Equal("1", landing.QuerySelector("[data-count='eqias-awaiting']")!.TextContent);

        var milestones = pack.QuerySelectorAll("tr[data-source='/governance/programme']").Select(Cells).ToList();
        Assert.Contains(milestones, m => m[0] == "Overdue" && m[1] == "Hospital discharge hub live");
        Assert.Contains(milestones, m => m[0] == "Due soon" && m[1] == "Locality teams in every place");
        Assert.Contains(milestones, m => m[0] == "Completed" && m[1] == "Business case agreed");
        Assert.DoesNotContain(milestones, m => m.Count > 1 && m[1] == "Evaluation published");
        var benefit = milestones.Single(m => m[0] == "Fewer emergency admissions of older people");
        var reading = readings[watchedId];
        var realisation = BenefitRealisation.Of(await db.Benefits.SingleAsync(), reading, period.AddMonths(1).AddDays(-1));
        Assert.Equal(OutcomesText.Number(realisation.Latest), benefit[4]);
        Assert.Equal(OutcomesText.Number(realisation.Expected), benefit[5]);
        Assert.Contains("Phase 2: implementation", pack.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_renders_a_first_page_and_reads_back_with_the_sections_and_figures()
    {
        var (app, _, _) = await StartAsync();
        await using var _app = app;
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        var snapshot = OutcomesSnapshot.Load(outcomes.Path);

        var response = await board.GetAsync("/governance/board-pack.pdf?period=2019-10");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var folder = Directory.CreateTempSubdirectory("oneplace-board-pack-").FullName;
        try
        {
            string file = Path.Combine(folder, "pack.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file, Path.Combine(folder, "page"));
            string png = Directory.GetFiles(folder, "page*.png").Single();
            var (width, height, distinct) = Png.Colours(await File.ReadAllBytesAsync(png));
            Assert.True(width > height, "A4 landscape");
            Assert.True(distinct > 1, "page 1 is not one colour");
            string text = Run("pdftotext", "-layout", file, "-");
            foreach (var heading in new[] { "Board pack", "Walsall Together", "October 2019", "1. Outcomes", "2. Finance: pooled funds", "3. Scenario gap", "4. Top risks", "5. Equality impact assessments", "6. Programme status", "Page 1 of" })
            {
                Assert.Contains(heading, text, StringComparison.Ordinal);
            }

            Assert.Contains("£33,687,750", text, StringComparison.Ordinal);
            Assert.Contains("+£687,750", text, StringComparison.Ordinal);
            var figure = snapshot.Values.First(v => v.Kind == PeriodKind.Year && v.Breakdown == "overall" && !v.Suppressed && v.Value is not null);
            Assert.Contains(OutcomesText.Number(figure.Value), text, StringComparison.Ordinal);
            Assert.Contains("R-001", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task The_workbook_has_a_sheet_per_section_with_the_same_numbers_and_a_source_on_every_row()
    {
        var (app, walsall, _) = await StartAsync();
        await using var _app = app;
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        var snapshot = OutcomesSnapshot.Load(outcomes.Path);

        var response = await office.GetAsync("/governance/board-pack.xlsx?period=2019-10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["Cover", "Outcomes", "Finance", "Scenario gap", "Risks", "EqIAs", "Programme"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("2019-10", workbook.Worksheet("Cover").Cell(3, 2).GetString());
        var values = snapshot.Values.Where(v => v.Kind == PeriodKind.Year && v.Breakdown == "overall").ToDictionary(v => v.IndicatorId);
        var outcomeRows = workbook.Worksheet("Outcomes").RowsUsed().Where(r => r.Cell(14).GetString().StartsWith("indicator ", StringComparison.Ordinal)).ToList();
        Assert.Equal(snapshot.Indicators.Count, outcomeRows.Count);
        foreach (var indicator in snapshot.Indicators)
        {
            var row = outcomeRows.Single(r => r.Cell(14).GetString().StartsWith($"indicator {indicator.Id} ", StringComparison.Ordinal));
            var value = values[indicator.Id];
            if (value is { Suppressed: false, Value: { } v })
            {
                Assert.Equal(XLDataType.Number, row.Cell(2).DataType);
                Assert.Equal(v, row.Cell(2).GetDouble(), 9);
            }
        }

        var finance = workbook.Worksheet("Finance").RowsUsed().ToList();
        var homecare = finance.Single(r => r.Cell(7).GetString().EndsWith("scheme HOMECARE", StringComparison.Ordinal) && r.Cell(7).GetString().Contains($"agreement {walsall},", StringComparison.Ordinal));
        Assert.Equal([14_400_000d, 8_898_000d, 14_898_000d, 498_000d], [.. Enumerable.Range(3, 4).Select(c => homecare.Cell(c).GetDouble())]);
        var risks = workbook.Worksheet("Risks").RowsUsed().Where(r => r.Cell(1).GetString().StartsWith("R-", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, risks.Count);
        Assert.All(risks, r => Assert.StartsWith("risk R-", r.Cell(9).GetString(), StringComparison.Ordinal));
        Assert.Equal(20d, risks[0].Cell(5).GetDouble());
        var gap = workbook.Worksheet("Scenario gap").RowsUsed().Where(r => r.Cell(5).GetString().StartsWith("scenario file ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gap);
        Assert.All(gap, r => Assert.Equal(XLDataType.Number, r.Cell(3).DataType));
    }

    [Fact]
    public async Task Each_view_and_export_writes_one_audit_row_with_the_period_and_format_and_a_bad_period_is_refused()
    {
        var (app, _, period) = await StartAsync();
        await using var _app = app;
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        await using var db = app.OpenStore();
        long before = await db.AuditLog.MaxAsync(a => (long?)a.Id) ?? 0;

        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/governance/board-pack")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/governance/board-pack.pdf?period=2019-10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/governance/board-pack.xlsx?period=2019-11")).StatusCode);
        var bad = await board.GetAsync("/governance/board-pack?period=2031-01");
        var notMonth = await board.GetAsync("/governance/board-pack.pdf?period=June");

        var rows = await db.AuditLog.AsNoTracking().Where(a => a.Id > before && a.Action.StartsWith("governance.board_pack")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [(GovernanceAuditAction.BoardPackViewed, $"period={period:yyyy-MM}; format=html"), (GovernanceAuditAction.BoardPackExported, "period=2019-10; format=pdf"), (GovernanceAuditAction.BoardPackExported, "period=2019-11; format=xlsx")],
            rows.Select(r => (r.Action, r.Detail)));
        Assert.All(rows, r => Assert.Equal(board.Email, r.Actor));
        Assert.All(rows, r => Assert.Null(r.PersonId));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("There are no data for January 2031", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notMonth.StatusCode);
    }

    [Theory]
    [InlineData(StaffRoles.BoardMember, true)]
    [InlineData(StaffRoles.ProgrammeOffice, true)]
    [InlineData(StaffRoles.Administrator, true)]
    [InlineData(StaffRoles.FinanceLead, false)]
    [InlineData(StaffRoles.Analyst, false)]
    [InlineData(StaffRoles.Practitioner, false)]
    [InlineData(StaffRoles.PrivacyOfficer, false)]
    public async Task Only_the_programme_office_board_members_and_administrators_get_governance_and_the_pack(string role, bool may)
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var staff = await app.SignedInAsync(role);
        await using var db = app.OpenStore();
        long before = await db.AuditLog.MaxAsync(a => (long?)a.Id) ?? 0;

        foreach (var path in new[] { "/governance", "/governance/board-pack", "/governance/board-pack.pdf", "/governance/board-pack.xlsx" })
        {
            var response = await staff.GetAsync(path);
            Assert.Equal(may ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
            if (!may && !path.Contains('.', StringComparison.Ordinal))
            {
                Assert.Contains("You cannot see the partnership", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            }
        }

        Assert.Equal(may, (await staff.GetPageAsync("/")).Contains("href=\"/governance\"", StringComparison.Ordinal));
        Assert.Equal(may ? 3 : 0, await db.AuditLog.CountAsync(a => a.Id > before && a.Action.StartsWith("governance.board_pack")));
    }

    private static IDocument Parse(string html)
    {
        var document = Parser.ParseDocument(html);
        foreach (var heading in document.QuerySelectorAll(".nhsuk-table-responsive__heading").ToList())
        {
            heading.Remove();
        }

        return document;
    }

    private static List<string> Cells(IElement row) =>
        [.. row.QuerySelectorAll("th, td").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output;
    }

    /// <summary>Reads an 8-bit RGB or RGBA PNG, as pdftoppm writes them: its size and how many distinct colours it has.</summary>
    private static class Png
    {
        public static (int Width, int Height, int Distinct) Colours(byte[] png)
        {
            Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
            int width = 0, height = 0, channels = 3;
            using var idat = new MemoryStream();
            for (int at = 8; at < png.Length;)
            {
                int length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
                string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
                if (type == "IHDR")
                {
                    width = (png[at + 8] << 24) | (png[at + 9] << 16) | (png[at + 10] << 8) | png[at + 11];
                    height = (png[at + 12] << 24) | (png[at + 13] << 16) | (png[at + 14] << 8) | png[at + 15];
                    Assert.Equal(8, png[at + 16]);
                    channels = png[at + 17] switch { 2 => 3, 6 => 4, 0 => 1, var c => throw new InvalidDataException($"colour type {c}") };
                }
                else if (type == "IDAT")
                {
                    idat.Write(png, at + 8, length);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            {
                z.CopyTo(inflated);
            }

            var data = inflated.ToArray();
            int stride = width * channels;
            var previous = new byte[stride];
            var line = new byte[stride];
            var colours = new HashSet<int>();
            for (int y = 0; y < height; y++)
            {
                int filter = data[y * (stride + 1)];
                Array.Copy(data, (y * (stride + 1)) + 1, line, 0, stride);
                for (int x = 0; x < stride; x++)
                {
                    int a = x >= channels ? line[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    line[x] = (byte)(line[x] + filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        _ => pa <= pb && pa <= pc ? a : pb <= pc ? b : c,
                    });
                }

                for (int x = 0; x < stride; x += channels)
                {
                    colours.Add(channels == 1 ? line[x] : (line[x] << 16) | (line[x + 1] << 8) | line[x + 2]);
                }

                (previous, line) = (line, previous);
            }

            return (width, height, colours.Count);
        }
    }
}
