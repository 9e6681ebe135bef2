using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Governance;

/// <summary>
/// The risk register's use cases on a real store: references, every rule with the field it names, optimistic
/// concurrency, a revision with the whole risk and an audit row for every change, roles that may not change it changing
/// nothing, and the heat map's counts.
/// </summary>
public sealed class RiskRegisterTests
{
    public static readonly StaffActor Office = new("p", "programme@partnership.test", [StaffRoles.ProgrammeOffice]);
    public static readonly StaffActor Board = new("b", "board@partnership.test", [StaffRoles.BoardMember]);
    public static readonly StaffActor Admin = new("a", "admin@partnership.test", [StaffRoles.Administrator]);
    public static readonly StaffActor Nurse = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "DN-N");
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly RiskDetails Workforce = new(
        "Reablement workforce capacity", "Vacancies among reablement support workers", "Fewer people can be taken on for reablement",
        "More people wait in hospital or go straight to long-term care", RiskCategory.Workforce, "Director of Adult Social Care",
        "Weekly capacity huddle", 30);

    private static readonly IReadOnlyDictionary<string, IndicatorReading> NoReadings = new Dictionary<string, IndicatorReading>();

    private sealed record Kit(OnePlaceDb Db, FixedClock Clock, RecordRisk Record, ChangeRisk Change, ReviewRisk Review, CloseRisk Close, RiskRegister Register) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private static Kit Open(TestStore store, FixedClock? clock = null)
    {
        var db = store.Open();
        clock ??= new FixedClock(Now);
        var audit = new AuditWriter(db, clock);
        return new Kit(db, clock, new RecordRisk(db, audit, clock), new ChangeRisk(db, audit, clock), new ReviewRisk(db, audit, clock), new CloseRisk(db, audit, clock), new RiskRegister(db, clock));
    }

    private static Task<Risk> RecordAsync(Kit kit, RiskDetails? details = null) =>
        kit.Record.RecordAsync(Office, details ?? Workforce, new(4, 5), new(4, 4), new(2, 4));

    [Fact]
    public async Task A_recorded_risk_gets_the_next_reference_its_first_review_date_a_first_revision_and_an_audit_row()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);

        var first = await RecordAsync(kit);
        var second = await RecordAsync(kit, Workforce with { Title = "Care home market sustainability" });

        Assert.Equal("R-001", first.Reference);
        Assert.Equal("R-002", second.Reference);
        Assert.Equal(new DateOnly(2026, 4, 1), first.NextReviewDue);
        Assert.Equal(16, first.CurrentScore);
        kit.Db.ChangeTracker.Clear();
        var revision = await kit.Db.RiskRevisions.SingleAsync(r => r.RiskId == first.Id);
        Assert.Equal(1, revision.Number);
        Assert.Equal("programme@partnership.test", revision.ChangedBy);
        Assert.Contains("inherent 4×5=20, current 4×4=16, target 2×4=8", revision.Summary, StringComparison.Ordinal);
        var snapshot = RiskSnapshot.FromJson(revision.Snapshot);
        Assert.Equal("R-001", snapshot.Reference);
        Assert.Equal(RiskCategory.Workforce, snapshot.Category);
        Assert.Equal(2, await kit.Db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskRecorded));
        Assert.Contains("risk=R-001", (await kit.Db.AuditLog.FirstAsync(a => a.Action == GovernanceAuditAction.RiskRecorded)).Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, RiskDetails, RiskScore, RiskScore, RiskScore> BadRisks => new()
    {
        { "title", Workforce with { Title = " " }, new(3, 3), new(3, 3), new(2, 2) },
        { "title", Workforce with { Title = new string('t', 201) }, new(3, 3), new(3, 3), new(2, 2) },
        { "cause", Workforce with { Cause = "" }, new(3, 3), new(3, 3), new(2, 2) },
        { "event", Workforce with { Event = new string('e', 2001) }, new(3, 3), new(3, 3), new(2, 2) },
        { "effect", Workforce with { Effect = "  " }, new(3, 3), new(3, 3), new(2, 2) },
        { "owner", Workforce with { Owner = "" }, new(3, 3), new(3, 3), new(2, 2) },
        { "owner", Workforce with { Owner = new string('o', 201) }, new(3, 3), new(3, 3), new(2, 2) },
        { "category", Workforce with { Category = (RiskCategory)99 }, new(3, 3), new(3, 3), new(2, 2) },
        { "controls", Workforce with { Controls = new string('c', 4001) }, new(3, 3), new(3, 3), new(2, 2) },
        { "review-every", Workforce with { ReviewEveryDays = 6 }, new(3, 3), new(3, 3), new(2, 2) },
        { "review-every", Workforce with { ReviewEveryDays = 366 }, new(3, 3), new(3, 3), new(2, 2) },
        { "inherent-likelihood", Workforce, new(0, 3), new(3, 3), new(2, 2) },
        { "inherent-impact", Workforce, new(3, 6), new(3, 3), new(2, 2) },
        { "current-likelihood", Workforce, new(3, 3), new(6, 3), new(2, 2) },
        { "current-impact", Workforce, new(3, 3), new(3, 0), new(2, 2) },
        { "target-likelihood", Workforce, new(3, 3), new(3, 3), new(-1, 2) },
        { "target-impact", Workforce, new(3, 3), new(3, 3), new(2, 9) },
        { "target-likelihood", Workforce, new(5, 5), new(2, 3), new(3, 3) },
    };

    [Theory]
    [MemberData(nameof(BadRisks))]
    public async Task A_risk_breaking_a_rule_is_refused_naming_the_field_and_nothing_is_written(string field, RiskDetails details, RiskScore inherent, RiskScore current, RiskScore target)
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);

        var refused = await Assert.ThrowsAsync<GovernanceChangeException>(() => kit.Record.RecordAsync(Office, details, inherent, current, target));

        Assert.Equal(field, refused.Field);
        Assert.Equal(0, await kit.Db.Risks.CountAsync());
        Assert.Equal(0, await kit.Db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task The_current_score_may_be_above_the_inherent_one_and_controls_may_be_blank()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);

        var risk = await kit.Record.RecordAsync(Office, Workforce with { Controls = "" }, new(2, 2), new(4, 4), new(3, 3));

        Assert.Equal(16, risk.CurrentScore);
        Assert.Equal(4, risk.InherentScore);
    }

    [Fact]
    public async Task Every_change_is_a_revision_with_the_whole_risk_and_an_audit_row()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        var risk = await RecordAsync(kit);
        string[] known = ["ucr-seen-within-2-hours", "still-at-home-91-days"];

        await kit.Change.ChangeDetailsAsync(Office, risk.Id, 1, Workforce with { Owner = "Chief Operating Officer", ReviewEveryDays = 14 });
        await kit.Change.RescoreAsync(Office, risk.Id, 2, new(3, 4), new(2, 4), "Recruitment campaign filled six posts");
        await kit.Change.LinkIndicatorAsync(Office, risk.Id, 3, "still-at-home-91-days", known);
        await kit.Change.LinkIndicatorAsync(Office, risk.Id, 4, "ucr-seen-within-2-hours", known);
        var action = await kit.Change.AddActionAsync(Office, risk.Id, 5, "Recruit to reablement support worker vacancies", "Head of Reablement", new DateOnly(2026, 6, 30));
        await kit.Change.CompleteActionAsync(Office, risk.Id, 6, action.Id);
        await kit.Change.UnlinkIndicatorAsync(Office, risk.Id, 7, "ucr-seen-within-2-hours");

        kit.Db.ChangeTracker.Clear();
        var revisions = await kit.Db.RiskRevisions.Where(r => r.RiskId == risk.Id).OrderBy(r => r.Number).ToListAsync();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], revisions.Select(r => r.Number));
        Assert.Equal("Changed owner from Director of Adult Social Care to Chief Operating Officer; review every 30 days to every 14 days.", revisions[1].Summary);
        Assert.Equal("Re-scored: current 4×4=16 to 3×4=12, target 2×4=8 to 2×4=8. Reason: Recruitment campaign filled six posts", revisions[2].Summary);
        Assert.Equal("Linked indicator still-at-home-91-days.", revisions[3].Summary);
        Assert.StartsWith("Added action \"Recruit to reablement support worker vacancies\", owner Head of Reablement, due 2026-06-30", revisions[5].Summary, StringComparison.Ordinal);

        var linked = RiskSnapshot.FromJson(revisions[4].Snapshot);
        Assert.Equal(["still-at-home-91-days", "ucr-seen-within-2-hours"], linked.Indicators);
        Assert.Equal(5, linked.Version);
        var last = RiskSnapshot.FromJson(revisions[7].Snapshot);
        Assert.Equal(["still-at-home-91-days"], last.Indicators);
        Assert.Equal(new DateOnly(2026, 3, 2), Assert.Single(last.Actions).CompletedOn);
        Assert.Equal("Chief Operating Officer", last.Owner);
        Assert.Equal(3, last.CurrentLikelihood);

        var stored = await kit.Db.Risks.SingleAsync();
        Assert.Equal(8, stored.Version);
        Assert.Equal(new DateOnly(2026, 3, 16), stored.NextReviewDue);
        Assert.Equal(7, await kit.Db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskChanged));
    }

    [Fact]
    public async Task A_change_made_on_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        var risk = await RecordAsync(kit);
        await kit.Change.RescoreAsync(Office, risk.Id, 1, new(3, 4), new(2, 4), "Agency staff booked");

        var stale = await Assert.ThrowsAsync<GovernanceChangeException>(() => kit.Change.ChangeDetailsAsync(Office, risk.Id, 1, Workforce with { Title = "Older title" }));

        Assert.Equal("version", stale.Field);
        Assert.Contains("Someone else changed this risk", stale.Message, StringComparison.Ordinal);

        // Two people read version 2 at once: the store's concurrency token refuses the second save.
        await using var other = Open(store);
        var first = other.Change.RescoreAsync(Office, risk.Id, 2, new(2, 4), new(2, 4), "Posts filled");
        await first;
        kit.Db.ChangeTracker.Clear();
        await using var third = Open(store);
        var tracked = await third.Db.Risks.SingleAsync();
        await using (var racing = Open(store))
        {
            await racing.Review.ReviewAsync(Office, risk.Id, 3, "Reviewed at the board");
        }

        tracked.Title = "Made on version 3";
        var concurrency = await Assert.ThrowsAsync<GovernanceChangeException>(() => new RiskHistory(third.Db, new AuditWriter(third.Db, third.Clock), third.Clock)
            .SaveAsync(Office, tracked, GovernanceAuditAction.RiskChanged, "Changed title.", CancellationToken.None));
        Assert.Equal("version", concurrency.Field);

        kit.Db.ChangeTracker.Clear();
        var stored = await kit.Db.Risks.SingleAsync();
        Assert.Equal("Reablement workforce capacity", stored.Title);
        Assert.Equal(4, stored.Version);
        Assert.Equal(4, await kit.Db.RiskRevisions.CountAsync());
    }

    [Fact]
    public async Task Bad_changes_are_refused_naming_the_field()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        var risk = await RecordAsync(kit);
        int audits = await kit.Db.AuditLog.CountAsync();

        async Task<string?> Field(Func<Task> change) => (await Assert.ThrowsAsync<GovernanceChangeException>(change)).Field;

        Assert.Equal("indicator", await Field(() => kit.Change.LinkIndicatorAsync(Office, risk.Id, 1, "no-such-indicator", ["ucr-seen-within-2-hours"])));
        Assert.Equal("unlink", await Field(() => kit.Change.UnlinkIndicatorAsync(Office, risk.Id, 1, "ucr-seen-within-2-hours")));
        Assert.Equal("reason", await Field(() => kit.Change.RescoreAsync(Office, risk.Id, 1, new(3, 3), new(2, 2), " ")));
        Assert.Equal("target-likelihood", await Field(() => kit.Change.RescoreAsync(Office, risk.Id, 1, new(2, 2), new(3, 3), "Worse")));
        Assert.Equal("unchanged", await Field(() => kit.Change.RescoreAsync(Office, risk.Id, 1, new(4, 4), new(2, 4), "Same")));
        Assert.Equal("unchanged", await Field(() => kit.Change.ChangeDetailsAsync(Office, risk.Id, 1, Workforce)));
        Assert.Equal("action-description", await Field(() => kit.Change.AddActionAsync(Office, risk.Id, 1, "", "Head of Reablement", new DateOnly(2026, 6, 30))));
        Assert.Equal("action-owner", await Field(() => kit.Change.AddActionAsync(Office, risk.Id, 1, "Recruit", " ", new DateOnly(2026, 6, 30))));
        Assert.Equal("action-due", await Field(() => kit.Change.AddActionAsync(Office, risk.Id, 1, "Recruit", "Head of Reablement", null)));
        Assert.Equal("action", await Field(() => kit.Change.CompleteActionAsync(Office, risk.Id, 1, 12345)));
        Assert.Equal("note", await Field(() => kit.Review.ReviewAsync(Office, risk.Id, 1, "")));
        Assert.Equal("close-reason", await Field(() => kit.Close.CloseAsync(Office, risk.Id, 1, " ")));
        Assert.Null(await Field(() => kit.Change.RescoreAsync(Office, risk.Id + 99, 1, new(3, 3), new(2, 2), "No such risk")));

        kit.Db.ChangeTracker.Clear();
        Assert.Equal(audits, await kit.Db.AuditLog.CountAsync());
        Assert.Equal(1, await kit.Db.RiskRevisions.CountAsync());
        Assert.Equal(1, (await kit.Db.Risks.SingleAsync()).Version);
    }

    [Theory]
    [InlineData(StaffRoles.BoardMember)]
    [InlineData(StaffRoles.Administrator)]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.FinanceLead)]
    public async Task Roles_that_may_not_change_the_register_change_nothing(string role)
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        var risk = await RecordAsync(kit);
        var actor = new StaffActor("x", "x@partnership.test", [role]);
        int audits = await kit.Db.AuditLog.CountAsync();

        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Record.RecordAsync(actor, Workforce, new(3, 3), new(3, 3), new(2, 2)));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Change.ChangeDetailsAsync(actor, risk.Id, 1, Workforce with { Title = "Taken over" }));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Change.RescoreAsync(actor, risk.Id, 1, new(1, 1), new(1, 1), "Gone"));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Change.LinkIndicatorAsync(actor, risk.Id, 1, "x", ["x"]));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Change.AddActionAsync(actor, risk.Id, 1, "a", "b", new DateOnly(2026, 5, 1)));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Review.ReviewAsync(actor, risk.Id, 1, "Looked at it"));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Close.CloseAsync(actor, risk.Id, 1, "Gone"));

        kit.Db.ChangeTracker.Clear();
        Assert.Equal(audits, await kit.Db.AuditLog.CountAsync());
        Assert.Equal(1, (await kit.Db.Risks.SingleAsync()).Version);
        Assert.Equal(GovernanceAccess.MaySee(actor), role is StaffRoles.BoardMember or StaffRoles.Administrator);
        if (!GovernanceAccess.MaySee(actor))
        {
            await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => kit.Register.ListAsync(actor, new RiskFilter(), NoReadings));
        }
        else
        {
            Assert.Single(await kit.Register.ListAsync(actor, new RiskFilter(), NoReadings));
        }
    }

    [Fact]
    public async Task A_review_sets_the_next_date_and_a_closed_risk_is_kept_but_never_changed_or_due()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        var risk = await RecordAsync(kit);
        kit.Clock.Advance(TimeSpan.FromDays(40));
        Assert.True(Assert.Single(await kit.Register.ListAsync(Board, new RiskFilter(DueOnly: true), NoReadings)).IsDue);

        await kit.Review.ReviewAsync(Office, risk.Id, 1, "Reviewed at the workforce board", (new RiskScore(3, 4), new RiskScore(2, 4)));

        kit.Db.ChangeTracker.Clear();
        var reviewed = await kit.Db.Risks.SingleAsync();
        Assert.Equal(Now.AddDays(40).UtcDateTime, reviewed.LastReviewedAtUtc);
        Assert.Equal("programme@partnership.test", reviewed.LastReviewedBy);
        Assert.Equal(new DateOnly(2026, 5, 11), reviewed.NextReviewDue);
        Assert.Equal(12, reviewed.CurrentScore);
        Assert.Empty(await kit.Register.ListAsync(Board, new RiskFilter(DueOnly: true), NoReadings));
        Assert.Equal(1, await kit.Db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskReviewed));

        await kit.Close.CloseAsync(Office, risk.Id, 2, "Vacancies filled and held for six months");
        kit.Clock.Advance(TimeSpan.FromDays(400));

        var closed = await Assert.ThrowsAsync<GovernanceChangeException>(() => kit.Change.RescoreAsync(Office, risk.Id, 3, new(1, 1), new(1, 1), "Closed"));
        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
        Assert.Empty(await kit.Register.ListAsync(Board, new RiskFilter(), NoReadings));
        var all = Assert.Single(await kit.Register.ListAsync(Board, new RiskFilter(Status: null), NoReadings));
        Assert.False(all.IsDue);
        Assert.Equal(1, await kit.Db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskClosed));
        var record = await kit.Register.OneAsync(Board, risk.Id, NoReadings);
        Assert.StartsWith("Closed. Reason: Vacancies filled", record!.Revisions[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_reminds_of_reviews_within_two_weeks_and_filters_by_category()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        await RecordAsync(kit);
        await RecordAsync(kit, Workforce with { Title = "Pooled fund overspend", Category = RiskCategory.Financial, ReviewEveryDays = 60 });
        kit.Clock.Advance(TimeSpan.FromDays(20));

        var rows = await kit.Register.ListAsync(Board, new RiskFilter(), NoReadings);

        Assert.True(rows.Single(r => r.Risk.Reference == "R-001").DueSoon);
        Assert.False(rows.Single(r => r.Risk.Reference == "R-002").DueSoon);
        Assert.Equal("R-002", Assert.Single(await kit.Register.ListAsync(Board, new RiskFilter(Category: RiskCategory.Financial), NoReadings)).Risk.Reference);
    }

    [Fact]
    public async Task The_heat_map_counts_open_risks_at_their_current_and_target_positions()
    {
        await using var store = await TestStore.CreateAsync();
        await using var kit = Open(store);
        await kit.Record.RecordAsync(Office, Workforce, new(5, 5), new(4, 4), new(2, 4));
        await kit.Record.RecordAsync(Office, Workforce, new(5, 5), new(4, 4), new(2, 3));
        var closed = await kit.Record.RecordAsync(Office, Workforce, new(5, 5), new(4, 4), new(2, 4));
        await kit.Record.RecordAsync(Office, Workforce, new(3, 5), new(3, 5), new(1, 5));
        await kit.Close.CloseAsync(Office, closed.Id, 1, "Merged into R-001");

        var map = await kit.Register.HeatMapAsync(Board);

        Assert.Equal(2, map.CurrentAt(4, 4));
        Assert.Equal(1, map.CurrentAt(3, 5));
        Assert.Equal(1, map.TargetAt(2, 4));
        Assert.Equal(1, map.TargetAt(2, 3));
        Assert.Equal(1, map.TargetAt(1, 5));
        Assert.Equal(3, map.Current.Cast<int>().Sum());
        Assert.Equal(3, map.Target.Cast<int>().Sum());
    }
}
