using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.PersonIndex;
using OnePlace.Testing;
using static OnePlace.Core.Tests.PersonIndex.PersonIndexScenario;

namespace OnePlace.Core.Tests.PersonIndex;

public class ReviewDecisionTests
{
    [Fact]
    public async Task A_possible_match_between_two_people_already_known_waits_in_the_review_queue_and_no_run_merges_them()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();

        var (bill, william) = await KnownTwiceAsync(db);

        Assert.NotEqual(bill, william);
        var pair = await db.LinkReviewPairs.SingleAsync(PairOf(db, "C-BILL", "GP-W"));
        Assert.InRange(pair.Probability, 0.5, 0.95);
        Assert.NotNull(LinkExplanation.Parse(pair.Explanation));
    }

    [Fact]
    public async Task A_match_decision_merges_the_two_people_keeping_the_one_with_the_gp_record()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var pair = await db.LinkReviewPairs.SingleAsync(PairOf(db, "C-BILL", "GP-W"));

        var outcome = await Decide(db).DecideAsync(Steward, pair.Id, isMatch: true, "Same date of birth; council confirmed the address history");

        Assert.Equal((william, bill), (outcome.Merge!.SurvivorId, outcome.Merge.MergedId));
        await using var fresh = store.Open();
        Assert.Equal(william, await PersonOfAsync(fresh, "C-BILL"));
        Assert.Equal(william, (await fresh.People.SingleAsync(p => p.Id == bill)).MergedIntoId);
        Assert.Equal(2, await fresh.Events.CountAsync(e => e.PersonId == william && e.Partner == "council"));
        Assert.False(await fresh.LinkReviewPairs.AnyAsync(p => p.Id == pair.Id));
        var decision = await fresh.LinkDecisions.SingleAsync();
        Assert.True(decision.IsMatch);
        Assert.Equal(Steward.AuditName, decision.Actor);
        var audited = await fresh.AuditLog.Where(a => a.Action == AuditAction.DecideLink || a.Action == AuditAction.MergePeople)
            .Select(a => new { a.Action, a.PersonId }).ToListAsync();
        Assert.Equal(4, audited.Count);
        Assert.Equal(2, audited.Count(a => a.Action == AuditAction.DecideLink));
        Assert.Equal([bill, william], audited.Where(a => a.Action == AuditAction.MergePeople).Select(a => a.PersonId!.Value).Order());
    }

    [Fact]
    public async Task A_not_a_match_decision_keeps_the_two_people_apart_and_out_of_the_queue_on_the_next_import()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var pair = await db.LinkReviewPairs.SingleAsync(PairOf(db, "C-BILL", "GP-W"));

        await Decide(db).DecideAsync(Steward, pair.Id, isMatch: false, "Different fathers' names on the council file");
        using (var next = new ExtractFolderBuilder()
            .WithPerson("voluntary", "V-NEW", "", "Harriet", "Moss", "1950-10-10", "F", "WS1 1AA"))
        {
            await ImportAsync(db, next);
        }

        await using var fresh = store.Open();
        Assert.Equal(bill, await PersonOfAsync(fresh, "C-BILL"));
        Assert.Equal(william, await PersonOfAsync(fresh, "GP-W"));
        Assert.False(await fresh.LinkReviewPairs.AnyAsync(PairOf(fresh, "C-BILL", "GP-W")));
        Assert.False((await fresh.LinkDecisions.SingleAsync()).IsMatch);
    }

    [Fact]
    public async Task Only_a_data_steward_may_decide_and_a_refusal_is_audited_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await KnownTwiceAsync(db);
        var pair = await db.LinkReviewPairs.SingleAsync(PairOf(db, "C-BILL", "GP-W"));

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Decide(db).DecideAsync(Practitioner, pair.Id, isMatch: true, "looks the same"));

        await using var fresh = store.Open();
        Assert.True(await fresh.LinkReviewPairs.AnyAsync(p => p.Id == pair.Id));
        Assert.False(await fresh.LinkDecisions.AnyAsync());
        var refused = await fresh.AuditLog.SingleAsync(a => a.Action == AccessAuditAction.ViewDenied);
        Assert.Equal(Practitioner.AuditName, refused.Actor);
        Assert.Contains("attempted=decide-link", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_without_a_reason_is_refused()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await KnownTwiceAsync(db);
        var pair = await db.LinkReviewPairs.SingleAsync(PairOf(db, "C-BILL", "GP-W"));

        var refused = await Assert.ThrowsAsync<PersonIndexException>(() => Decide(db).DecideAsync(Steward, pair.Id, isMatch: true, "  "));

        Assert.Equal(PersonIndexProblem.ReasonRequired, refused.Problem);
        Assert.False(await db.LinkDecisions.AnyAsync());
    }

    [Fact]
    public async Task The_review_queue_is_for_data_stewards_and_audits_every_person_it_shows()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var access = new PersonIndexAccess(db, AuditTo(db));

        var queue = await access.OpenReviewQueueAsync(Steward);
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => access.OpenReviewQueueAsync(Practitioner));

        var shown = queue.Pairs.SelectMany(p => new[] { p.A.PersonId, p.B.PersonId }).OfType<Guid>().Distinct().ToList();
        Assert.Contains(bill, shown);
        Assert.Contains(william, shown);
        var listed = await db.AuditLog.Where(a => a.Action == AuditAction.ListPerson).ToListAsync();
        Assert.Equal(shown.Order(), listed.Select(a => a.PersonId!.Value).Order());
        Assert.All(listed, a => Assert.Equal((Steward.AuditName, AccessReason.DataQuality), (a.Actor, a.Reason)));
        Assert.Single(await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).ToListAsync());
    }

    private static System.Linq.Expressions.Expression<Func<LinkReviewPair, bool>> PairOf(OnePlace.Core.Store.OnePlaceDb db, string first, string second)
    {
        var a = db.SourceRecords.Where(r => r.LocalRecordId == first).Select(r => r.Id).Single();
        var b = db.SourceRecords.Where(r => r.LocalRecordId == second).Select(r => r.Id).Single();
        var (low, high) = a < b ? (a, b) : (b, a);
        return p => p.RecordIdA == low && p.RecordIdB == high;
    }
}
