using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Finance;
using OnePlace.Core.Staff;
using OnePlace.Synthetic.Demo;
using OnePlace.Web.Features.PooledFund;

namespace OnePlace.Web.Tests;

/// <summary>
/// The forms a finance lead changes the ledger with (a real store, SQLite or PostgreSQL): setting up an agreement on
/// the list of agreements, and on an agreement's change page a contribution, a budget, a new scheme and the risk
/// share. Each change shows in the figures and writes one audit row; a bad one is refused naming the field, changing
/// nothing; only finance leads may post. Figures as in <see cref="PooledFundPagesTests"/>: the Walsall pool's 2019/20.
/// </summary>
public sealed class PooledFundFormsTests
{
    private static async Task<(OnePlaceApp App, int Walsall)> StartAsync()
    {
        var app = await OnePlaceApp.StartAsync();
        await using var db = app.OpenStore();
        Assert.True(await DemoPooledFunds.EnsureAsync(db, TimeProvider.System));
        int walsall = await db.PooledFundAgreements.Where(a => a.Name.StartsWith("Walsall")).Select(a => a.Id).SingleAsync();
        return (app, walsall);
    }

    private static Dictionary<string, string> NewAgreement(string name = "Ceredigion integrated care pool", string commissioner = "7A2") => new()
    {
        ["Agreement.Name"] = name,
        ["Agreement.Basis"] = "Section33Wales",
        ["Agreement.FirstYear"] = "2024",
        ["Agreement.Years"] = "3",
        ["Agreement.HostCode"] = "W06000008",
        ["Agreement.HostName"] = "Ceredigion County Council",
        ["Agreement.PartnerCode[0]"] = "7A2",
        ["Agreement.PartnerName[0]"] = "Hywel Dda University Health Board",
        ["Agreement.PartnerCode[1]"] = "",
        ["Agreement.PartnerName[1]"] = "",
        ["Agreement.SchemeCode"] = "REABLE",
        ["Agreement.SchemeName"] = "Reablement",
        ["Agreement.SchemeArea"] = "Intermediate care",
        ["Agreement.SchemeScope"] = "in",
        ["Agreement.SchemeCommissioner"] = commissioner,
    };

    private static async Task<(int Agreements, int Audit, int Schemes)> CountsAsync(OnePlaceApp app)
    {
        await using var db = app.OpenStore();
        return (await db.PooledFundAgreements.CountAsync(), await db.AuditLog.CountAsync(), await db.PooledFundSchemes.CountAsync());
    }

    private static async Task<string> LastAuditAsync(OnePlaceApp app, string actor)
    {
        await using var db = app.OpenStore();
        var row = await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).LastAsync();
        Assert.Equal(actor, row.Actor);
        return row.Action + " " + row.Detail;
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html).ReplaceLineEndings("");

    /// <summary>Where a redirect leads, as a path on this site.</summary>
    private static string Local(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    /// <summary>The agreement's terms and figures on its page, without the forms' one-time tokens.</summary>
    private static string Figures(string page) => page[page.IndexOf("id=\"agreement-terms\"", StringComparison.Ordinal)..page.IndexOf("id=\"monthly\"", StringComparison.Ordinal)];

    [Fact]
    public async Task A_finance_lead_sets_up_an_agreement_which_is_listed_and_audited_once()
    {
        var (app, _) = await StartAsync();
        await using var __ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        var before = await CountsAsync(app);

        var made = await finance.SubmitAsync("/pooled-fund", "agreement", NewAgreement());

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = Decoded(await finance.GetPageAsync(Local(made)));
        Assert.Contains("The agreement is set up.", page, StringComparison.Ordinal);
        Assert.Contains("Section 33, National Health Service (Wales) Act 2006", page, StringComparison.Ordinal);
        Assert.Contains("2024/25", page, StringComparison.Ordinal);
        Assert.Contains("Hywel Dda University Health Board", page, StringComparison.Ordinal);
        Assert.Contains("Ceredigion integrated care pool", await finance.GetPageAsync("/pooled-fund"), StringComparison.Ordinal);
        var after = await CountsAsync(app);
        Assert.Equal((before.Agreements + 1, before.Audit + 1), (after.Agreements, after.Audit));
        Assert.StartsWith("pooled_fund.agreement_made", await LastAuditAsync(app, finance.Email!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Agreement.Name", "", "agreement-name", "Enter the name of the agreement")]
    [InlineData("Agreement.FirstYear", "next year", "agreement-first-year", "Enter the first financial year as a year, like 2024")]
    [InlineData("Agreement.Years", "12", "agreement-years", "Enter how many financial years the agreement runs for, from 1 to 10")]
    [InlineData("Agreement.HostCode", "", "agreement-host-code", "Enter the partner's organisation code")]
    [InlineData("Agreement.PartnerCode[0]", "W06000008", "agreement-partner-1-code", "A partner is named twice")]
    [InlineData("Agreement.SchemeCommissioner", "RBK", "agreement-scheme-commissioner", "The commissioner must be one of the agreement's partners")]
    public async Task A_bad_agreement_is_refused_naming_the_field_and_nothing_is_made(string input, string typed, string field, string message)
    {
        var (app, _) = await StartAsync();
        await using var __ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        var before = await CountsAsync(app);
        var fields = NewAgreement();
        fields[input] = typed;

        var refused = await finance.SubmitAsync("/pooled-fund", "agreement", fields);
        var html = Decoded(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches($@"<a href=""#{field}"">{message}", html);
        Assert.Contains($@"id=""{field}-error""", html, StringComparison.Ordinal);
        Assert.Contains(@"value=""Hywel Dda University Health Board""", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task Each_change_form_changes_the_figures_shown_and_writes_one_audit_row()
    {
        var (app, walsall) = await StartAsync();
        await using var __ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        string edit = $"/pooled-fund/{walsall}/edit";
        Assert.Contains($"href=\"{edit}?year=2019\"", await finance.GetPageAsync($"/pooled-fund/{walsall}"), StringComparison.Ordinal);

        async Task<string> ChangeAsync(string form, Dictionary<string, string> fields, string action)
        {
            int audit = (await CountsAsync(app)).Audit;
            var response = await finance.SubmitAsync(edit, form, fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(audit + 1, (await CountsAsync(app)).Audit);
            Assert.StartsWith(action, await LastAuditAsync(app, finance.Email!), StringComparison.Ordinal);
            return Decoded(await finance.GetPageAsync(Local(response)));
        }

        var contribution = await ChangeAsync("contribution",
            new() { ["Contribution.Partner"] = "E08000030", ["Contribution.Year"] = "2019", ["Contribution.Amount"] = "£19,000,000.00" }, "pooled_fund.contribution_set");
        Assert.Contains("The contribution is saved.", contribution, StringComparison.Ordinal);
        Assert.Matches(@"id=""partner-E08000030"">.*£19,000,000", contribution);

        var budget = await ChangeAsync("budget",
            new() { ["Budget.Scheme"] = "HOMECARE", ["Budget.Year"] = "2019", ["Budget.Amount"] = "15000000", ["Budget.Profile"] = "" }, "pooled_fund.budget_set");
        // Home care: £15,000,000 budget, £8,898,000 to date; the five months to come at £1,250,000 each: £15,148,000, +£148,000.
        Assert.Matches(@"id=""scheme-HOMECARE"">.*£15,000,000.*£8,898,000.*£15,148,000.*\+£148,000", budget);

        var scheme = await ChangeAsync("scheme",
            new() { ["Scheme.Code"] = "DFG", ["Scheme.Name"] = "Disabled facilities grant", ["Scheme.Area"] = "Housing", ["Scheme.Scope"] = "out", ["Scheme.Commissioner"] = "E08000030" },
            "pooled_fund.scheme_added");
        Assert.Matches(@"id=""scheme-DFG"">.*Disabled facilities grant.*Out of scope", scheme);

        var rule = await ChangeAsync("risk-share",
            new() { ["RiskShare.Rule"] = "ProRata", ["RiskShare.Cap"] = "500000.00", ["RiskShare.Bearer"] = "E08000030" }, "pooled_fund.risk_share_changed");
        Assert.Contains("The risk share is changed.", rule, StringComparison.Ordinal);
        Assert.Contains("shared in proportion to each partner's contribution for the year", rule, StringComparison.Ordinal);
        Assert.Matches(@"id=""risk-E08000030"">.*£0.00", rule);
    }

    [Theory]
    [InlineData("contribution", "Contribution.Amount", "lots", "contribution-amount", "Enter the contribution in pounds and pence, £0 or more")]
    [InlineData("contribution", "Contribution.Year", "2031", "contribution-year", "Choose one of the agreement's financial years")]
    [InlineData("budget", "Budget.Amount", "-5", "budget-amount", "Enter the budget in pounds and pence, £0 or more")]
    [InlineData("budget", "Budget.Profile", "1 2 3", "budget-profile", "Enter twelve weights of 0 or more")]
    [InlineData("scheme", "Scheme.Code", "ucr", "new-scheme-code", "The agreement already has a scheme with this code")]
    [InlineData("scheme", "Scheme.Name", " ", "new-scheme-name", "Enter the scheme's name")]
    [InlineData("risk-share", "RiskShare.Bearer", "", "risk-share-bearer", "Choose the partner bearing what is beyond the cap")]
    [InlineData("risk-share", "RiskShare.Cap", "half a million", "risk-share-cap", "Enter the cap in pounds and pence, £0 or more")]
    public async Task A_bad_change_is_refused_naming_the_field_and_changes_nothing(string form, string input, string typed, string field, string message)
    {
        var (app, walsall) = await StartAsync();
        await using var __ = app;
        using var finance = await app.SignedInAsync(StaffRoles.FinanceLead);
        string ledger = Figures(Decoded(await finance.GetPageAsync($"/pooled-fund/{walsall}?year=2019")));
        var before = await CountsAsync(app);
        Dictionary<string, string> fields = form switch
        {
            "contribution" => new() { ["Contribution.Partner"] = "E08000030", ["Contribution.Year"] = "2019", ["Contribution.Amount"] = "1.00" },
            "budget" => new() { ["Budget.Scheme"] = "HOMECARE", ["Budget.Year"] = "2019", ["Budget.Amount"] = "1.00", ["Budget.Profile"] = "" },
            "scheme" => new() { ["Scheme.Code"] = "DFG", ["Scheme.Name"] = "Disabled facilities grant", ["Scheme.Scope"] = "in", ["Scheme.Commissioner"] = "E08000030" },
            _ => new() { ["RiskShare.Rule"] = "CappedShare", ["RiskShare.Cap"] = "1.00", ["RiskShare.Bearer"] = "05Y" },
        };
        fields[input] = typed;

        var refused = await finance.SubmitAsync($"/pooled-fund/{walsall}/edit", form, fields);
        var html = Decoded(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($@"<a href=""#{field}"">{message}", html, StringComparison.Ordinal);
        Assert.Contains($@"id=""{field}-error""", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(ledger, Figures(Decoded(await finance.GetPageAsync($"/pooled-fund/{walsall}?year=2019"))));
    }

    [Theory]
    [InlineData(StaffRoles.ProgrammeOffice)]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.Analyst)]
    public async Task Only_a_finance_lead_may_post_the_forms_and_the_programme_office_keeps_its_reading(string role)
    {
        var (app, walsall) = await StartAsync();
        await using var __ = app;
        using var staff = await app.SignedInAsync(role);
        var before = await CountsAsync(app);
        // A token from a page they may load: the ledger for the programme office, the home page for the others.
        string tokenPage = role == StaffRoles.ProgrammeOffice ? $"/pooled-fund/{walsall}" : "/";
        string edit = $"/pooled-fund/{walsall}/edit";

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostWithTokenFromAsync(tokenPage, "/pooled-fund", "agreement", NewAgreement())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostWithTokenFromAsync(tokenPage, edit, "contribution",
            new Dictionary<string, string> { ["Contribution.Partner"] = "E08000030", ["Contribution.Year"] = "2019", ["Contribution.Amount"] = "1.00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostWithTokenFromAsync(tokenPage, edit, "budget",
            new Dictionary<string, string> { ["Budget.Scheme"] = "HOMECARE", ["Budget.Year"] = "2019", ["Budget.Amount"] = "1.00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostWithTokenFromAsync(tokenPage, edit, "scheme",
            new Dictionary<string, string> { ["Scheme.Code"] = "DFG", ["Scheme.Name"] = "Grant", ["Scheme.Commissioner"] = "E08000030" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostWithTokenFromAsync(tokenPage, edit, "risk-share",
            new Dictionary<string, string> { ["RiskShare.Rule"] = "ProRata" })).StatusCode);
        Assert.Equal(before, await CountsAsync(app));
        if (role == StaffRoles.ProgrammeOffice)
        {
            var list = await staff.GetPageAsync("/pooled-fund");
            var ledger = await staff.GetPageAsync($"/pooled-fund/{walsall}");
            Assert.Contains("Walsall Together Section 75 pooled fund", list, StringComparison.Ordinal);
            Assert.DoesNotContain("agreement-form", list, StringComparison.Ordinal);
            Assert.DoesNotContain("/edit", ledger, StringComparison.Ordinal);
            Assert.DoesNotContain("actuals-file", ledger, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_refusal_has_words_of_the_forms_own_in_English_and_Welsh()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Resources");
        HashSet<string> Keys(string file) => [.. XDocument.Load(Path.Combine(folder, file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];
        var english = Keys("SharedResource.resx");
        var welsh = Keys("SharedResource.cy.resx");

        Assert.All(Enum.GetValues<PooledFundProblem>(), p =>
        {
            var key = PooledFundForms.MessageKey(p);
            Assert.True(english.Contains(key) && welsh.Contains(key), $"{key} is missing from the interface strings");
        });
    }
}
