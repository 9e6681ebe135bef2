using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.CarePlans;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Web.Tests;

public sealed class ReferralPageTests
{
    /// <summary>The fields of a referral action form: the version the page showed, the action, and what it names.</summary>
    internal static Dictionary<string, string> Change(int version, string action, params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["Change.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Change.Action"] = action };
        foreach (var (field, value) in fields)
        {
            form["Change." + field] = value;
        }

        return form;
    }

    private static Dictionary<string, string> Plan(int version, params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["Plan.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (field, value) in fields)
        {
            form["Plan." + field] = value;
        }

        return form;
    }

    private static async Task<Referral> StoredAsync(OnePlaceDb db, Guid id) =>
        await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);

    private static async Task<List<string>> EventKindsAsync(OnePlaceDb db, Guid id) =>
        await db.ReferralEvents.Where(e => e.ReferralId == id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken);

    private static async Task<int> ChangeAuditRowsAsync(OnePlaceDb db, Guid personId) =>
        await db.AuditLog.CountAsync(a => a.Action == ReferralAuditAction.Change && a.PersonId == personId, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_team_accepts_allocates_sees_and_closes_a_referral_through_its_page_and_the_store_follows_each_step()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        var practitioner = await app.AddTeamStaffAsync(StaffRoles.Practitioner, "UCR-ALL", "priya@partnership.test");
        using var manager = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");
        string page = $"/referrals/{referral.Id}";

        var opened = await manager.GetPageAsync(page);
        Assert.Contains("OAKES, Margaret", opened, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{margaret.Id}?reason=direct-care\"", opened, StringComparison.Ordinal);
        Assert.Contains("Found on the floor this morning", opened, StringComparison.Ordinal);
        Assert.Contains("R01 (table version v1)", opened, StringComparison.Ordinal);
        Assert.Contains("name=\"Change.Version\" value=\"1\"", opened, StringComparison.Ordinal);
        // Awaiting acceptance, the team may accept or return it; routing and closing are not offered.
        Assert.Contains("id=\"action-accept\"", opened, StringComparison.Ordinal);
        Assert.Contains("id=\"action-reject\"", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-route\"", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-close\"", opened, StringComparison.Ordinal);

        // Accept: an episode of care opens, and with it the team's legitimate relationship.
        var accepted = await manager.SubmitAsync(page, "act-accept", Change(1, "accept"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"{page}?done=accept", WorklistPagesTests.LocalPath(accepted));
        Assert.Contains($"You have accepted {referral.Reference}", await manager.GetPageAsync(WorklistPagesTests.LocalPath(accepted)), StringComparison.Ordinal);
        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal((ReferralStatus.Accepted, 2), (stored.Status, stored.Version));
            Assert.Equal("accepted", (await EventKindsAsync(db, referral.Id))[^1]);
            var episode = Assert.Single(await db.Episodes.Where(e => e.ReferralId == referral.Id).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(("UCR-ALL", (DateTime?)null), (episode.TeamCode, episode.EndedAtUtc));
            Assert.True(await db.CareRelationships.AnyAsync(c => c.ReferralId == referral.Id && c.TeamCode == "UCR-ALL" && c.EndedAtUtc == null, TestContext.Current.CancellationToken));
            Assert.Equal(1, await ChangeAuditRowsAsync(db, margaret.Id));
        }

        // Allocate to a member of the team, chosen from the list.
        var allocatePage = await manager.GetPageAsync(page);
        Assert.Contains($"<option value=\"{practitioner}\">", allocatePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(page, "act-allocate", Change(2, "allocate", ("Practitioner", practitioner)))).StatusCode);
        await using (var db = app.OpenStore())
        {
            Assert.Equal(practitioner, (await StoredAsync(db, referral.Id)).Practitioner);
            Assert.True(await db.CareRelationships.AnyAsync(c => c.ReferralId == referral.Id && c.StaffUserName == practitioner && c.EndedAtUtc == null, TestContext.Current.CancellationToken));
            Assert.Equal(2, await ChangeAuditRowsAsync(db, margaret.Id));
        }

        // First contact, with the form's own default of now: the clock stops, in time.
        var contactPage = await manager.GetPageAsync(page);
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Core.Referrals.Clocks.BusinessCalendar.EnglandAndWales.TimeZone);
        Assert.Contains($"name=\"Change.ContactYear\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"{now.Year}\"", contactPage, StringComparison.Ordinal);
        var seen = await manager.SubmitAsync(page, "act-first-contact", Change(3, "first-contact",
            ("ContactDay", now.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ContactMonth", now.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ContactYear", now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ContactTime", now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, seen.StatusCode);
        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal(ReferralStatus.InCare, stored.Status);
            Assert.NotNull(stored.FirstContactAtUtc);
            Assert.Equal(stored.FirstContactAtUtc, stored.ClockStoppedAtUtc);
            Assert.Null(stored.BreachedAtUtc);
            Assert.Equal("first_contact", (await EventKindsAsync(db, referral.Id))[^1]);
        }

        Assert.Contains(">Seen<", await manager.GetPageAsync("/worklists"), StringComparison.Ordinal);

        // Close with an outcome: the episode and every relationship end with it.
        var closed = await manager.SubmitAsync(page, "act-close", Change(4, "close", ("Outcome", ReferralOutcome.AtHome), ("Reason", "Back on her feet with a pendant alarm")));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var closedPage = await manager.GetPageAsync(page);
        Assert.Contains("Stayed at home: Back on her feet with a pendant alarm", closedPage, StringComparison.Ordinal);
        Assert.Contains("There is nothing you can change on this referral now.", closedPage, StringComparison.Ordinal);
        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal((ReferralStatus.Closed, ReferralOutcome.AtHome, "Back on her feet with a pendant alarm", 5), (stored.Status, stored.Outcome, stored.OutcomeNote, stored.Version));
            Assert.Equal(["received", "triaged", "routed", "accepted", "allocated", "first_contact", "closed"], await EventKindsAsync(db, referral.Id));
            var episode = await db.Episodes.SingleAsync(e => e.ReferralId == referral.Id, TestContext.Current.CancellationToken);
            Assert.Equal(ReferralOutcome.AtHome, episode.EndReason);
            Assert.NotNull(episode.EndedAtUtc);
            Assert.False(await db.CareRelationships.AnyAsync(c => c.ReferralId == referral.Id && c.EndedAtUtc == null, TestContext.Current.CancellationToken));
            Assert.Equal(4, await ChangeAuditRowsAsync(db, margaret.Id));
            Assert.All(await db.AuditLog.Where(a => a.Action == ReferralAuditAction.Change).ToListAsync(TestContext.Current.CancellationToken),
                a => Assert.Equal((manager.Email, AccessReason.DirectCare), (a.Actor, a.Reason)));
        }
    }

    [Fact]
    public async Task A_change_made_on_a_page_someone_else_has_since_changed_is_refused_with_the_referral_as_it_now_is()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        using var first = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL", "first@partnership.test");
        using var second = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL", "second@partnership.test");
        string page = $"/referrals/{referral.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(page, "act-accept", Change(1, "accept"))).StatusCode);
        int eventsBefore, auditBefore;
        await using (var db = app.OpenStore())
        {
            eventsBefore = await db.ReferralEvents.CountAsync(TestContext.Current.CancellationToken);
            auditBefore = await ChangeAuditRowsAsync(db, margaret.Id);
        }

        // The second member of staff still has the page as it was before the acceptance (version 1).
        var response = await second.SubmitAsync(page, "act-reject", Change(1, "reject", ("Reason", "Not ours")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<li><a href=\"#status\">Someone else changed this referral while you were looking at it.", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"accepted\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Change.Version\" value=\"2\"", html, StringComparison.Ordinal);
        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal((ReferralStatus.Accepted, "UCR-ALL", 2), (stored.Status, stored.TeamCode, stored.Version));
            Assert.Equal(eventsBefore, await db.ReferralEvents.CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(auditBefore, await ChangeAuditRowsAsync(db, margaret.Id));
        }
    }

    [Fact]
    public async Task A_missing_reason_is_shown_in_the_error_summary_against_its_field_and_changes_nothing()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        using var manager = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");

        var response = await manager.SubmitAsync($"/referrals/{referral.Id}", "act-reject", Change(1, "reject", ("Reason", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<li><a href=\"#reject-reason\">Enter why your team is returning the referral</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reject-reason-error\"", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(ReferralStatus.AwaitingAcceptance, (await StoredAsync(db, referral.Id)).Status);
    }

    [Fact]
    public async Task A_hand_over_moves_the_referral_only_when_the_receiving_team_accepts_it()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ChangeAsync(app, await TestReferrals.ReceiveAsync(app, margaret), new ReferralChange(ReferralAction.Accept));
        using var ucr = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");
        using var reablement = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "REA-N");
        string page = $"/referrals/{referral.Id}";

        var offered = await ucr.SubmitAsync(page, "act-offer-handover", Change(2, "offer-handover", ("TeamCode", "REA-N"), ("Reason", "Needs reablement now the crisis is over")));
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal((ReferralStatus.HandoverOffered, "UCR-ALL", "REA-N"), (stored.Status, stored.TeamCode, stored.HandoverTeamCode));
        }

        // Offered, not moved: the holding team cannot accept it for the other team.
        var ucrPage = await ucr.GetPageAsync(page);
        Assert.DoesNotContain("id=\"action-accept-handover\"", ucrPage, StringComparison.Ordinal);
        var forced = await ucr.SubmitAsync(page, "act-accept-handover", Change(3, "accept-handover"));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);

        // The receiving team sees it on its worklist, and accepts it.
        var worklist = await reablement.GetPageAsync("/worklists");
        Assert.Contains("Offered to your team by Urgent Community Response (borough): accept or refuse it", WorklistPagesTests.Row(worklist, referral.Reference), StringComparison.Ordinal);
        var reablementPage = await reablement.GetPageAsync(page);
        Assert.Contains("id=\"action-accept-handover\"", reablementPage, StringComparison.Ordinal);
        Assert.Contains("id=\"action-refuse-handover\"", reablementPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reablement.SubmitAsync(page, "act-accept-handover", Change(3, "accept-handover"))).StatusCode);

        await using (var db = app.OpenStore())
        {
            var stored = await StoredAsync(db, referral.Id);
            Assert.Equal((ReferralStatus.Accepted, "REA-N", (string?)null), (stored.Status, stored.TeamCode, stored.HandoverTeamCode));
            var episodes = await db.Episodes.Where(e => e.ReferralId == referral.Id).OrderBy(e => e.StartedAtUtc).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([("UCR-ALL", "handed_over"), ("REA-N", (string?)null)], episodes.Select(e => (e.TeamCode, e.EndReason)));
            var open = await db.CareRelationships.Where(c => c.ReferralId == referral.Id && c.EndedAtUtc == null).Select(c => c.TeamCode).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["REA-N"], open);
            Assert.Equal(["handover_offered", "handover_accepted"], (await EventKindsAsync(db, referral.Id))[^2..]);
        }
    }

    [Fact]
    public async Task A_care_plan_gives_a_task_to_a_team_of_another_service_which_sees_it_on_its_worklist_and_completes_it()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ChangeAsync(app, await TestReferrals.ReceiveAsync(app, margaret), new ReferralChange(ReferralAction.Accept));
        using var ucr = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL");
        using var nurse = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "DN-N");
        using var stranger = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "REA-S");
        string page = $"/referrals/{referral.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await ucr.SubmitAsync(page, "plan-start", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ucr.SubmitAsync(page, "goal-add", Plan(1, ("Description", "To walk to the corner shop again")))).StatusCode);
        long goalId;
        await using (var db = app.OpenStore())
        {
            goalId = (await db.CareGoals.SingleAsync(TestContext.Current.CancellationToken)).Id;
        }

        Assert.Equal(HttpStatusCode.Redirect, (await ucr.SubmitAsync(page, $"goal-status-{goalId}", Plan(2, ("GoalId", goalId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Status", CareGoalStatus.Achieved)))).StatusCode);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var added = await ucr.SubmitAsync(page, "task-add", Plan(3, ("Description", "Dress the shin wound every other day"), ("TeamCode", "DN-N"),
            ("DateDay", due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("DateMonth", due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("DateYear", due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        CareTask task;
        await using (var db = app.OpenStore())
        {
            var plan = await db.CarePlans.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((referral.Id, margaret.Id, 4), (plan.ReferralId, plan.PersonId, plan.Version));
            Assert.Equal(CareGoalStatus.Achieved, (await db.CareGoals.SingleAsync(TestContext.Current.CancellationToken)).Status);
            task = await db.CareTasks.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(("DN-N", CareTaskStatus.Requested, (DateOnly?)due, ucr.Email), (task.AssignedTeamCode, task.Status, task.DueDate, task.CreatedBy));
            Assert.Equal(["care_plan.started", "care_plan.goal_added", "care_plan.goal_status", "care_plan.task_added"], (await EventKindsAsync(db, referral.Id))[^4..]);
            Assert.Equal(4, await db.AuditLog.CountAsync(a => a.Action == ReferralAuditAction.CarePlanChange && a.PersonId == margaret.Id && a.Actor == ucr.Email, TestContext.Current.CancellationToken));
            // Planning care does not move the referral on, so no one's referral form goes stale.
            Assert.Equal(2, (await StoredAsync(db, referral.Id)).Version);
        }

        // The district nurses see the task on their worklist, though the referral is with another team.
        var worklist = await nurse.GetPageAsync("/worklists");
        Assert.Contains($"data-task=\"{task.Id}\"", worklist, StringComparison.Ordinal);
        Assert.Contains("Dress the shin wound every other day", worklist, StringComparison.Ordinal);

        // A team that neither holds the referral nor was given the task may not complete it.
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SubmitAsync(page, $"task-complete-{task.Id}", Plan(1, ("TaskId", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))).StatusCode);
        var completed = await nurse.SubmitAsync(page, $"task-complete-{task.Id}", Plan(1, ("TaskId", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        await using (var db = app.OpenStore())
        {
            var done = await db.CareTasks.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((CareTaskStatus.Completed, nurse.Email, 2), (done.Status, done.CompletedBy, done.Version));
            Assert.Equal("care_plan.task_completed", (await EventKindsAsync(db, referral.Id))[^1]);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == stranger.Email, TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain($"data-task=\"{task.Id}\"", await nurse.GetPageAsync("/worklists"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_care_plan_change_made_on_an_old_version_is_refused_and_changes_nothing()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ChangeAsync(app, await TestReferrals.ReceiveAsync(app, margaret), new ReferralChange(ReferralAction.Accept));
        using var ucr = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL");
        string page = $"/referrals/{referral.Id}";
        await ucr.SubmitAsync(page, "plan-start", new Dictionary<string, string>());
        await ucr.SubmitAsync(page, "goal-add", Plan(1, ("Description", "To sleep through the night")));

        var stale = await ucr.SubmitAsync(page, "goal-add", Plan(1, ("Description", "To go to the day centre on Thursdays")));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("<li><a href=\"#care-plan\">Someone else changed this care plan while you were looking at it.",
            await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(["To sleep through the night"], await db.CareGoals.Select(g => g.Description).ToListAsync(TestContext.Current.CancellationToken));
    }
}
