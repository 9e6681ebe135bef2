using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Home;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Store;
using OnePlace.Testing;
using static OnePlace.Core.Tests.PersonIndex.PersonIndexScenario;

namespace OnePlace.Core.Tests.PersonIndex;

public class MergePeopleTests
{
    [Fact]
    public async Task Merging_then_unmerging_restores_both_people_and_their_records_events_and_conditions_exactly()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var before = await StateAsync(store);

        // The harder direction: the council-only person survives, so they take William's details and NHS number.
        var merge = await Merge(db).MergeAsync(Steward, bill, william, "Duplicate registration");
        await using (var merged = store.Open())
        {
            var survivor = await merged.People.SingleAsync(p => p.Id == bill);
            Assert.Equal(("William", WilliamNhsNumber), (survivor.GivenName, survivor.NhsNumber));
            Assert.Equal(bill, await PersonOfAsync(merged, "GP-W"));
            Assert.Equal(0, await merged.Events.CountAsync(e => e.PersonId == william));
            Assert.Equal(0, await merged.Conditions.CountAsync(c => c.PersonId == william));
            Assert.Equal(merge.RecordsMoved, await merged.PersonMergeRecords.CountAsync());
        }

        await using (var other = store.Open())
        {
            await Unmerge(other).UnmergeAsync(Steward, merge.MergeId, "Merged in error: different people");
        }

        Assert.Equal(before, await StateAsync(store));
        await using var fresh = store.Open();
        var undone = await fresh.PersonMerges.SingleAsync();
        Assert.Equal((Steward.AuditName, "Merged in error: different people"), (undone.UndoneBy, undone.UndoReason));
        Assert.NotNull(undone.UndoneAtUtc);
        var audited = await fresh.AuditLog.Where(a => a.Action == AuditAction.MergePeople || a.Action == AuditAction.UnmergePeople)
            .Select(a => new { a.Action, a.PersonId }).ToListAsync();
        Assert.Equal(4, audited.Count);
        Assert.All(new[] { bill, william }, p => Assert.Equal(2, audited.Count(a => a.PersonId == p)));
    }

    [Fact]
    public async Task A_merged_person_is_hidden_from_search_and_counts_and_leads_to_the_survivor()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var people = (await KeyCounts.CountAsync(db)).People;

        await Merge(db).MergeAsync(Steward, william, bill, "Same man: council record under his nickname");

        await using var fresh = store.Open();
        var access = new PersonRecordAccess(fresh, AuditTo(fresh), TimeProvider.System);
        var byName = await access.SearchAsync(Steward, new PersonSearchQuery(Name: "Hartley"), AccessReason.DataQuality);
        Assert.Equal([william], byName.People.Select(p => p.Id));
        Assert.Equal(people - 1, (await KeyCounts.CountAsync(fresh)).People);
        Assert.Equal(william, await access.SurvivorOfAsync(bill));
        Assert.Null(await access.SurvivorOfAsync(william));
        Assert.Null(await access.OpenAsync(Steward, bill, AccessReason.DataQuality));
        var story = await access.OpenAsync(Steward, william, AccessReason.DataQuality);
        var councilRecord = story!.Records.Single(r => r.LocalRecordId == "C-BILL");
        Assert.Equal("Same man: council record under his nickname", councilRecord.Link.Merge!.Reason);
    }

    [Fact]
    public async Task Unmerging_records_a_not_a_match_decision_so_later_imports_keep_the_two_apart()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var merge = await Merge(db).MergeAsync(Steward, william, bill, "Looked the same");
        await Unmerge(db).UnmergeAsync(Steward, merge.MergeId, "They are father and son");

        var decision = await db.LinkDecisions.SingleAsync();
        Assert.False(decision.IsMatch);
        using (var next = new ExtractFolderBuilder().WithPerson("voluntary", "V-NEW", "", "Harriet", "Moss", "1950-10-10", "F", "WS1 1AA"))
        {
            await ImportAsync(db, next);
        }

        await using var fresh = store.Open();
        Assert.Equal(bill, await PersonOfAsync(fresh, "C-BILL"));
        Assert.Equal(william, await PersonOfAsync(fresh, "GP-W"));
        var billRecords = fresh.SourceRecords.Where(r => r.PersonId == bill).Select(r => r.Id);
        var williamRecords = fresh.SourceRecords.Where(r => r.PersonId == william).Select(r => r.Id);
        Assert.False(await fresh.LinkReviewPairs.AnyAsync(p =>
            (billRecords.Contains(p.RecordIdA) && williamRecords.Contains(p.RecordIdB)) || (williamRecords.Contains(p.RecordIdA) && billRecords.Contains(p.RecordIdB))));
    }

    [Fact]
    public async Task A_new_record_carrying_a_merged_persons_nhs_number_joins_the_survivor_and_goes_back_on_unmerge()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var secondNumber = TestNhsNumbers.Number(2);
        using (var folder = Crowd().WithWilliam()
            .WithPerson(Partner.Gp, "GP-W2", secondNumber, "Will", "Hartley", "1941-03-02", "M", "WS1 1AA"))
        {
            await ImportAsync(db, folder);
        }

        var william = await PersonOfAsync(db, "GP-W");
        var duplicate = await PersonOfAsync(db, "GP-W2");
        var merge = await Merge(db).MergeAsync(Steward, william, duplicate, "Registered twice at the practice");

        using (var later = new ExtractFolderBuilder().WithPerson(Partner.Hospital, "H-W2", secondNumber, "Will", "Hartley", "1941-03-02", "M", "WS1 1AA"))
        {
            await ImportAsync(db, later);
        }

        Assert.Equal(william, await PersonOfAsync(db, "H-W2"));
        Assert.Equal(1, await db.People.CountAsync(p => p.NhsNumber == secondNumber));

        await Unmerge(db).UnmergeAsync(Steward, merge.MergeId, "Two men after all");

        await using var fresh = store.Open();
        Assert.Equal(duplicate, await PersonOfAsync(fresh, "H-W2"));
        Assert.Equal(duplicate, await PersonOfAsync(fresh, "GP-W2"));
    }

    [Fact]
    public async Task Only_a_data_steward_may_merge_or_unmerge_and_each_refusal_is_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var merge = await Merge(db).MergeAsync(Steward, william, bill, "Same man");

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Merge(db).MergeAsync(Practitioner, bill, william, "try"));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Unmerge(db).UnmergeAsync(Practitioner, merge.MergeId, "try"));

        await using var fresh = store.Open();
        Assert.Null((await fresh.PersonMerges.SingleAsync()).UndoneAtUtc);
        var refusals = await fresh.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).Select(a => a.Detail).ToListAsync();
        Assert.Equal(2, refusals.Count);
        Assert.Contains(refusals, d => d!.Contains("attempted=merge", StringComparison.Ordinal));
        Assert.Contains(refusals, d => d!.Contains("attempted=unmerge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_merge_is_undone_once_and_people_already_merged_cannot_be_merged_again()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var (bill, william) = await KnownTwiceAsync(db);
        var zara = await PersonOfAsync(db, "V-ZARA");
        var merge = await Merge(db).MergeAsync(Steward, william, bill, "Same man");

        var again = await Assert.ThrowsAsync<PersonIndexException>(() => Merge(db).MergeAsync(Steward, zara, bill, "again"));
        var self = await Assert.ThrowsAsync<PersonIndexException>(() => Merge(db).MergeAsync(Steward, zara, zara, "self"));
        await Unmerge(db).UnmergeAsync(Steward, merge.MergeId, "error");
        var twice = await Assert.ThrowsAsync<PersonIndexException>(() => Unmerge(db).UnmergeAsync(Steward, merge.MergeId, "error"));

        Assert.Equal(PersonIndexProblem.AlreadyMerged, again.Problem);
        Assert.Equal(PersonIndexProblem.SamePerson, self.Problem);
        Assert.Equal(PersonIndexProblem.AlreadyUndone, twice.Problem);
    }

    /// <summary>Everything a merge touches, read fresh from the store: people, and who each record, event and condition belongs to.</summary>
    private static async Task<string> StateAsync(TestStore store)
    {
        await using var db = store.Open();
        var people = await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var records = await db.SourceRecords.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.PersonId, r.LinkMethod, r.LinkProbability, r.LinkedToRecordId, r.LinkExplanation, r.LinkedAtUtc }).ToListAsync();
        var events = await db.Events.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId }).ToListAsync();
        var conditions = await db.Conditions.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.PersonId }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { people, records, events, conditions });
    }
}
