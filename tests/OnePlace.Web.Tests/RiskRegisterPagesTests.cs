using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Governance;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>
/// The risk register's pages on a real store and a real framework run: a risk linked to an indicator whose latest month
/// is special-cause variation of concern shows as due for review with that reason until its owner reviews it; roles
/// without a part in governance are refused and their posts change nothing; a form's refusal marks its field; a stale
/// version is refused.
/// </summary>
public sealed partial class RiskRegisterPagesTests(RisingAdmissionsStore outcomes) : IClassFixture<RisingAdmissionsStore>
{
    private const string Admissions = RisingAdmissionsStore.Indicator;

    private Dictionary<string, string?> Settings => new() { [outcomes.Setting.Key] = outcomes.Setting.Value };

    private static Dictionary<string, string> NewRisk(string title = "Winter emergency admissions") => new()
    {
        ["Risk.Title"] = title,
        ["Risk.Cause"] = "Winter pressures and respiratory infections among older people",
        ["Risk.Event"] = "Emergency admissions of people aged 65 and over rise beyond what the hospital can take",
        ["Risk.Effect"] = "Corridor care, cancelled operations and longer stays",
        ["Risk.Category"] = "Operational",
        ["Risk.Owner"] = "Director of Integrated Care",
        ["Risk.Controls"] = "Winter plan\nDaily system call",
        ["Risk.ReviewEvery"] = "30",
        ["Risk.InherentLikelihood"] = "4",
        ["Risk.InherentImpact"] = "4",
        ["Risk.CurrentLikelihood"] = "4",
        ["Risk.CurrentImpact"] = "4",
        ["Risk.TargetLikelihood"] = "2",
        ["Risk.TargetImpact"] = "4",
    };

    private static async Task<int> RecordAsync(StaffBrowser office, string title = "Winter emergency admissions")
    {
        var recorded = await office.SubmitAsync("/governance/risks/new", "risk", NewRisk(title));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        return int.Parse(RiskId().Match(recorded.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Row(string page, string reference) => RiskRow().Matches(page).Select(m => m.Value).Single(r => r.Contains($"data-risk=\"{reference}\"", StringComparison.Ordinal));

    [Fact]
    public async Task A_risk_linked_to_an_indicator_with_a_special_cause_signal_is_due_for_review_until_its_owner_reviews_it()
    {
        // The run itself: the surge makes the indicator's latest month special-cause variation of concern.
        var admissions = outcomes.Result.Indicators.Single(i => i.Definition.Id == Admissions);
        Assert.Equal("SpecialCauseConcern", admissions.Trend!.LatestVariation.ToString());

        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        int id = await RecordAsync(office);
        Assert.DoesNotContain("data-due=\"now\"", Row(await board.GetPageAsync("/governance/risks"), "R-001"), StringComparison.Ordinal);

        var linked = await office.SubmitAsync($"/governance/risks/{id}", "link", new Dictionary<string, string> { ["Link.Choice"] = Admissions, ["Link.Version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        const string Reason = "Special-cause variation of concern on Emergency hospital admissions, people aged 65 and over";
        var register = await board.GetPageAsync("/governance/risks");
        var row = Row(register, "R-001");
        Assert.Contains("data-due=\"now\"", row, StringComparison.Ordinal);
        Assert.Contains("data-reason=\"SpecialCauseSignal\"", row, StringComparison.Ordinal);
        Assert.Contains(Reason, row, StringComparison.Ordinal);
        Assert.Contains("data-risk=\"R-001\"", await board.GetPageAsync("/governance/risks?due=yes"), StringComparison.Ordinal);
        Assert.Contains("id=\"risks-due\"", await board.GetPageAsync("/"), StringComparison.Ordinal);
        var page = await board.GetPageAsync($"/governance/risks/{id}");
        Assert.Contains("id=\"due-reasons\"", page, StringComparison.Ordinal);
        Assert.Contains(Reason, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/outcomes/indicators/{Admissions}\"", page, StringComparison.Ordinal);
        Assert.Contains("Special cause", page, StringComparison.Ordinal);

        var reviewed = await office.SubmitAsync($"/governance/risks/{id}", "review", new Dictionary<string, string>
        {
            ["Review.Text"] = "Surge reviewed with the acute trust: winter escalation beds opened.",
            ["Review.CurrentLikelihood"] = "5",
            ["Review.CurrentImpact"] = "4",
            ["Review.TargetLikelihood"] = "2",
            ["Review.TargetImpact"] = "4",
            ["Review.Version"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var after = Row(await board.GetPageAsync("/governance/risks"), "R-001");
        Assert.DoesNotContain("data-due=\"now\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-risk=\"R-001\"", await board.GetPageAsync("/governance/risks?due=yes"), StringComparison.Ordinal);
        var history = await board.GetPageAsync($"/governance/risks/{id}");
        Assert.Contains("Reviewed and re-scored: current 4×4=16 to 5×4=20", history, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"3\"", history, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskReviewed));
    }

    [Fact]
    public async Task Roles_without_a_part_in_governance_are_refused_and_their_posts_change_nothing()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        using var nurse = await app.SignedInAsync(StaffRoles.Practitioner);
        int id = await RecordAsync(office);

        var refused = await nurse.GetAsync("/governance/risks");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("You cannot use the risk register", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync($"/governance/risks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync("/governance/risks/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync($"/governance/risks/{id}/edit")).StatusCode);
        var read = await board.GetPageAsync($"/governance/risks/{id}");
        Assert.DoesNotContain("id=\"review-form\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/governance/risks/new\"", await board.GetPageAsync("/governance/risks"), StringComparison.Ordinal);

        var fields = new Dictionary<string, string> { ["Close.Choice"] = "Closed by someone who may not", ["Close.Version"] = "1" };
        Assert.Equal(HttpStatusCode.Forbidden, (await board.PostWithTokenFromAsync($"/governance/risks/{id}", $"/governance/risks/{id}", "close", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostWithTokenFromAsync("/", $"/governance/risks/{id}", "close", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostWithTokenFromAsync("/", "/governance/risks/new", "risk", NewRisk())).StatusCode);

        await using var db = app.OpenStore();
        Assert.Equal(1, await db.Risks.CountAsync());
        Assert.Equal(1, (await db.Risks.SingleAsync()).Version);
        Assert.Equal(1, await db.RiskRevisions.CountAsync());
    }

    [Fact]
    public async Task A_refused_form_marks_its_field_a_stale_version_is_refused_and_the_heat_map_counts_the_risk()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);

        var blank = await office.SubmitAsync("/governance/risks/new", "risk", NewRisk(" "));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var blankPage = await blank.Content.ReadAsStringAsync();
        Assert.Contains("Enter a title, in at most 200 characters", blankPage, StringComparison.Ordinal);
        Assert.Contains("id=\"risk-title-error\"", blankPage, StringComparison.Ordinal);

        int id = await RecordAsync(office);
        var action = await office.SubmitAsync($"/governance/risks/{id}", "action", new Dictionary<string, string>
        {
            ["Action.Description"] = "Open winter escalation beds",
            ["Action.Owner"] = "Chief Operating Officer",
            ["Action.Due"] = "2026-12-01",
            ["Action.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        var stale = await office.SubmitAsync($"/governance/risks/{id}", "rescore", new Dictionary<string, string>
        {
            ["Rescore.CurrentLikelihood"] = "3",
            ["Rescore.CurrentImpact"] = "4",
            ["Rescore.TargetLikelihood"] = "2",
            ["Rescore.TargetImpact"] = "4",
            ["Rescore.Text"] = "Escalation beds open",
            ["Rescore.Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone else changed this risk since you opened it", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var register = await office.GetPageAsync("/governance/risks");
        Assert.Contains("data-heat-map=\"heat-current\"", register, StringComparison.Ordinal);
        Assert.Matches("id=\"heat-current-table\"[\\s\\S]*data-cell=\"4x4\">1<", register);
        Assert.Matches("id=\"heat-target-table\"[\\s\\S]*data-cell=\"2x4\">1<", register);
        var page = await office.GetPageAsync($"/governance/risks/{id}");
        Assert.Contains("Open winter escalation beds", page, StringComparison.Ordinal);
        Assert.Contains("Added action", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_programme_office_edits_completes_unlinks_and_closes_through_the_forms_each_kept_in_the_history()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: Settings);
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        int id = await RecordAsync(office);
        string path = $"/governance/risks/{id}";

        async Task PostAsync(string page, string form, Dictionary<string, string> fields) =>
            Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(page, form, fields)).StatusCode);

        var edit = NewRisk();
        edit["Risk.Owner"] = "Chief Operating Officer";
        edit["Risk.ReviewEvery"] = "14";
        edit["Risk.Version"] = "1";
        await PostAsync(path + "/edit", "details", edit);
        await PostAsync(path, "link", new() { ["Link.Choice"] = Admissions, ["Link.Version"] = "2" });
        await PostAsync(path, "action", new() { ["Action.Description"] = "Open winter escalation beds", ["Action.Owner"] = "Chief Operating Officer", ["Action.Due"] = "2026-12-01", ["Action.Version"] = "3" });
        await using (var db = app.OpenStore())
        {
            int action = await db.RiskActions.Select(a => a.Id).SingleAsync();
            await PostAsync(path, "complete", new() { ["Complete.Choice"] = action.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Complete.Version"] = "4" });
        }

        await PostAsync(path, "unlink", new() { ["Unlink.Choice"] = Admissions, ["Unlink.Version"] = "5" });
        await PostAsync(path, "close", new() { ["Close.Choice"] = "Winter passed; escalation beds closed.", ["Close.Version"] = "6" });

        var page = await office.GetPageAsync(path);
        Assert.Contains("Changed owner from Director of Integrated Care to Chief Operating Officer; review every 30 days to every 14 days.", page, StringComparison.Ordinal);
        Assert.Contains($"Linked indicator {Admissions}.", page, StringComparison.Ordinal);
        Assert.Contains("Completed action &quot;Open winter escalation beds&quot;.", page, StringComparison.Ordinal);
        Assert.Contains($"Unlinked indicator {Admissions}.", page, StringComparison.Ordinal);
        Assert.Contains("Closed. Reason: Winter passed; escalation beds closed.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"review-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"7\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"risks-empty\"", await office.GetPageAsync("/governance/risks"), StringComparison.Ordinal);
        Assert.Contains("data-risk=\"R-001\"", await office.GetPageAsync("/governance/risks?status=closed"), StringComparison.Ordinal);

        await office.GetAsync("/language/cy-GB?returnUrl=%2F");
        var welsh = await office.GetPageAsync(path);
        Assert.Contains("Hanes y newidiadau", welsh, StringComparison.Ordinal);
        Assert.Contains("Ar gau", welsh, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/governance/risks/(\d+)")]
    private static partial Regex RiskId();

    [GeneratedRegex(@"<tr class=""nhsuk-table__row"" data-risk=[\s\S]*?</tr>")]
    private static partial Regex RiskRow();
}
