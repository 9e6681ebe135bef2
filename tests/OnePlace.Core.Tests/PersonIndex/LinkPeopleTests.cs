using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Testing;
using static OnePlace.Core.Tests.PersonIndex.PersonIndexScenario;

namespace OnePlace.Core.Tests.PersonIndex;

/// <summary>The linkage run inside an import, against a real store: SQLite, and PostgreSQL on the suite's second pass.</summary>
public class LinkPeopleTests
{
    [Fact]
    public async Task A_council_record_without_an_nhs_number_joins_the_gp_person_when_the_details_agree_despite_a_nickname_and_an_old_postcode()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using var folder = Crowd().WithWilliam().WithBill().WithZara();

        await ImportAsync(db, folder);

        var william = await RecordAsync(db, "GP-W");
        var bill = await RecordAsync(db, "C-BILL");
        Assert.Equal(william.PersonId, bill.PersonId);
        Assert.Equal(LinkMethod.NhsNumber, william.LinkMethod);
        Assert.Equal(LinkMethod.Linkage, bill.LinkMethod);
        Assert.Equal(william.Id, bill.LinkedToRecordId);
        Assert.InRange(bill.LinkProbability!.Value, 0.95, 1.0);
        Assert.NotNull(bill.LinkedAtUtc);
        var explanation = LinkExplanation.Parse(bill.LinkExplanation)!;
        Assert.Equal("nickname", explanation.Fields.Single(f => f.Field == "given_name").Level);
        Assert.Equal("exact", explanation.Fields.Single(f => f.Field == "date_of_birth").Level);
        Assert.Equal(explanation.MatchWeight, explanation.PriorWeight + explanation.Fields.Sum(f => f.Weight), 2);

        var councilEvents = await db.Events.Where(e => e.SourceRecordId == bill.Id).Select(e => e.PersonId).Distinct().ToListAsync();
        Assert.Equal([william.PersonId], councilEvents);
        var person = await db.People.SingleAsync(p => p.Id == william.PersonId);
        Assert.Equal(("William", WilliamNhsNumber), (person.GivenName, person.NhsNumber)); // the GP record stays the more authoritative
    }

    [Fact]
    public async Task A_gp_record_arriving_later_with_an_nhs_number_joins_the_person_the_council_already_knew_without_one()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = Crowd().WithBill().WithZara())
        {
            await ImportAsync(db, first);
        }

        var bill = await PersonOfAsync(db, "C-BILL");
        using (var second = new ExtractFolderBuilder().WithWilliam()
            .WithPerson(Partner.Hospital, "H-W", WilliamNhsNumber, "William", "Hartley", "1941-03-02", "M", "WS1 1AA")
            .WithEvent(Partner.Hospital, "H-W-E1", "H-W", "emergency_admission", "2025-05-01", "2025-05-03", destination: "79", cost: "2100.00"))
        {
            await ImportAsync(db, second);
        }

        var william = await RecordAsync(db, "GP-W");
        Assert.Equal(bill, william.PersonId);
        Assert.Equal(bill, await PersonOfAsync(db, "H-W"));
        Assert.Equal(LinkMethod.Linkage, william.LinkMethod);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == bill);
        Assert.Equal(("William", WilliamNhsNumber), (person.GivenName, person.NhsNumber)); // the GP record is the more authoritative
        Assert.Equal(new DateOnly(2025, 5, 3), person.DateOfDeath); // the hospital stay that ended in death came with them
        Assert.Equal(bill, await db.Events.Where(e => e.LocalEventId == "GP-W-E1").Select(e => e.PersonId).SingleAsync());
        Assert.Equal(bill, await db.Conditions.Where(c => c.SourceRecordId == william.Id).Select(c => c.PersonId).SingleAsync());
        Assert.False(await db.People.AnyAsync(p => p.NhsNumber == WilliamNhsNumber && p.Id != bill));
        Assert.False(await db.LinkReviewPairs.AnyAsync());
    }

    [Fact]
    public async Task A_clearly_different_person_is_left_apart_as_a_new_person_placed_by_their_postcode()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using var folder = Crowd().WithWilliam().WithBill().WithZara();

        await ImportAsync(db, folder);

        var zara = await RecordAsync(db, "V-ZARA");
        Assert.NotEqual(await PersonOfAsync(db, "GP-W"), zara.PersonId);
        Assert.Equal(LinkMethod.Linkage, zara.LinkMethod);
        Assert.Null(zara.LinkedToRecordId);
        var person = await db.People.SingleAsync(p => p.Id == zara.PersonId);
        Assert.Null(person.NhsNumber);
        Assert.Equal(("Zara", "Okonkwo", new DateOnly(1990, 7, 7), "F"), (person.GivenName, person.FamilyName, person.DateOfBirth, person.Sex));
        Assert.Equal(("WS1 1AB", "E01000001", "N"), (person.Postcode, person.SmallAreaCode, person.LocalityCode));
        Assert.Equal(zara.PersonId, await db.Events.Where(e => e.LocalEventId == "V-ZARA-E1").Select(e => e.PersonId).SingleAsync());
        Assert.Equal(0, await db.SourceRecords.CountAsync(r => r.PersonId == null));
    }

    [Fact]
    public async Task A_second_import_keeps_every_person_id_and_links_only_its_new_records()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = Crowd().WithWilliam().WithZara())
        {
            await ImportAsync(db, first);
        }

        var before = await db.SourceRecords.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.PersonId);
        var people = await db.People.CountAsync();

        using var second = new ExtractFolderBuilder().WithBill();
        var result = await new OnePlace.Core.Import.ExtractImporter(db).ImportFolderAsync(second.Write(), "importer@partnership.test");

        Assert.True(result.Succeeded);
        var after = await db.SourceRecords.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.PersonId);
        Assert.All(before, r => Assert.Equal(r.Value, after[r.Key]));
        Assert.Equal(await PersonOfAsync(db, "GP-W"), await PersonOfAsync(db, "C-BILL"));
        Assert.Equal(people, await db.People.CountAsync());
        Assert.Equal((1, 0), (result.Linkage!.RecordsLinked, result.PeopleCreated));
    }

    [Fact]
    public async Task Every_person_the_run_touches_gets_one_audit_row_with_counts_and_no_names()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = Crowd().WithWilliam())
        {
            await ImportAsync(db, first);
        }

        using var second = new ExtractFolderBuilder().WithBill().WithZara();
        await ImportAsync(db, second);

        var william = await PersonOfAsync(db, "GP-W");
        var zara = await PersonOfAsync(db, "V-ZARA");
        var rows = await db.AuditLog.Where(a => a.Action == AuditAction.LinkPerson).OrderBy(a => a.Id).ToListAsync();
        var secondRun = rows.Where(r => r.PersonId == william || r.PersonId == zara).ToList();
        Assert.Equal(2, secondRun.Count);
        Assert.Contains("records_linked=1; new_person=false", secondRun.Single(r => r.PersonId == william).Detail, StringComparison.Ordinal);
        Assert.Contains("records_linked=1; new_person=true", secondRun.Single(r => r.PersonId == zara).Detail, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("importer@partnership.test", r.Actor));
        Assert.All(rows, r => Assert.DoesNotContain("Hartley", r.Detail, StringComparison.OrdinalIgnoreCase));
        var run = await db.AuditLog.Where(a => a.Action == AuditAction.LinkageRun).OrderBy(a => a.Id).LastAsync();
        Assert.Null(run.PersonId);
        Assert.Contains("linked=2; new_people=1", run.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_gaining_a_more_authoritative_record_takes_their_details_from_it()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = Crowd().WithBill())
        {
            await ImportAsync(db, first);
        }

        var bill = await PersonOfAsync(db, "C-BILL");

        // A hospital record without an NHS number joins Bill by linkage; the hospital outranks the council.
        using var second = new ExtractFolderBuilder()
            .WithPerson(Partner.Hospital, "H-W", "", "William", "Hartley", "1941-03-02", "M", "WS1 1AA")
            .WithEvent(Partner.Hospital, "H-W-E1", "H-W", "emergency_admission", "2025-05-01", "2025-05-03", destination: "79", cost: "2100.00");
        await ImportAsync(db, second);

        Assert.Equal(bill, await PersonOfAsync(db, "H-W"));
        var person = await db.People.SingleAsync(p => p.Id == bill);
        Assert.Equal(("William", "WS1 1AA"), (person.GivenName, person.Postcode));
        Assert.Equal(new DateOnly(2025, 5, 3), person.DateOfDeath); // died in hospital (discharge destination 79)
        var row = await db.AuditLog.Where(a => a.Action == AuditAction.LinkPerson && a.PersonId == bill).OrderBy(a => a.Id).LastAsync();
        Assert.Contains("details_refreshed=true; date_of_death_set=true", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_whose_linkage_fails_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = Crowd().WithWilliam())
        {
            await ImportAsync(db, first);
        }

        var counts = (await db.People.CountAsync(), await db.SourceRecords.CountAsync(), await db.AuditLog.CountAsync());
        using var second = new ExtractFolderBuilder().WithBill();
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnLinking(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new OnePlace.Core.Import.ExtractImporter(db).ImportFolderAsync(second.Write(), "test", progress, cancel.Token));

        await using var fresh = store.Open();
        Assert.Equal(counts, (await fresh.People.CountAsync(), await fresh.SourceRecords.CountAsync(), await fresh.AuditLog.CountAsync()));
    }

    /// <summary>Cancels the import once its records are written and linkage begins: the whole import must roll back.</summary>
    private sealed class CancelOnLinking(CancellationTokenSource cancel) : IProgress<OnePlace.Core.Import.ImportProgress>
    {
        public void Report(OnePlace.Core.Import.ImportProgress value)
        {
            if (value.Stage.StartsWith("linking people", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
