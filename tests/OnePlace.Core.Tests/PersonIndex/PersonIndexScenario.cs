using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.PersonIndex;

/// <summary>
/// The people the person index tests are about, in a crowd the model can learn from: William Hartley, registered with
/// a GP; "Bill" Hartley, the same man as the council knows him (a nickname, the postcode he had before he moved, no NHS
/// number); and Zara Okonkwo, a clearly different person known only to a voluntary service.
/// </summary>
internal static class PersonIndexScenario
{
    public static readonly string WilliamNhsNumber = TestNhsNumbers.Number(1);

    public static readonly StaffActor Steward = new("steward-1", "steward@partnership.test", [StaffRoles.DataSteward]);

    public static readonly StaffActor Practitioner = new("practitioner-1", "practitioner@partnership.test", [StaffRoles.Practitioner]);

    public static ExtractFolderBuilder Crowd() => new ExtractFolderBuilder().WithGeography().WithCrowd();

    public static ExtractFolderBuilder WithWilliam(this ExtractFolderBuilder folder) =>
        folder.WithPerson(Partner.Gp, "GP-W", WilliamNhsNumber, "William", "Hartley", "1941-03-02", "M", "WS1 1AA", ethnicity: "A")
            .WithEvent(Partner.Gp, "GP-W-E1", "GP-W", "gp_contact", "2025-01-06", code: "F2F", cost: "42.00")
            .WithCondition("GP-W", "EFI17", "2019-05-01");

    public static ExtractFolderBuilder WithBill(this ExtractFolderBuilder folder) =>
        folder.WithPerson(Partner.Council, "C-BILL", "", "Bill", "Hartley", "1941-03-02", "M", "WS1 1AB", ethnicity: "")
            .WithEvent(Partner.Council, "C-BILL-E1", "C-BILL", "social_care_assessment", "2025-02-10", code: "services")
            .WithEvent(Partner.Council, "C-BILL-E2", "C-BILL", "home_care_package", "2025-02-12", hours: "7.5", cost: "187.50");

    public static ExtractFolderBuilder WithZara(this ExtractFolderBuilder folder) =>
        folder.WithPerson(Partner.Voluntary, "V-ZARA", "", "Zara", "Okonkwo", "1990-07-07", "F", "WS1 1AB", ethnicity: "N")
            .WithEvent(Partner.Voluntary, "V-ZARA-E1", "V-ZARA", "vcs_contact", "2025-03-03", code: "befriending");

    public static async Task ImportAsync(OnePlaceDb db, ExtractFolderBuilder folder)
    {
        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    public static async Task<SourceRecord> RecordAsync(OnePlaceDb db, string localRecordId) =>
        await db.SourceRecords.AsNoTracking().SingleAsync(r => r.LocalRecordId == localRecordId);

    public static async Task<Guid> PersonOfAsync(OnePlaceDb db, string localRecordId) =>
        (await RecordAsync(db, localRecordId)).PersonId ?? throw new InvalidOperationException($"{localRecordId} has no person");

    /// <summary>Bill as the council first recorded him: surname misspelt, one digit of the birth date wrong, an address in another town.</summary>
    public static ExtractFolderBuilder WithBillUncertain(this ExtractFolderBuilder folder) =>
        folder.WithPerson(Partner.Council, "C-BILL", "", "Bill", "Hartly", "1941-03-12", "M", "B9 4QT", ethnicity: "")
            .WithEvent(Partner.Council, "C-BILL-E1", "C-BILL", "social_care_assessment", "2025-02-10", code: "services")
            .WithEvent(Partner.Council, "C-BILL-E2", "C-BILL", "home_care_package", "2025-02-12", hours: "7.5", cost: "187.50");

    /// <summary>
    /// Bill known to the council first, William registered with his GP in a later extract, their details too far
    /// apart to join on their own: two people the run may not merge by itself, so the possible match between them
    /// waits in the review queue for a data steward.
    /// </summary>
    public static async Task<(Guid Bill, Guid William)> KnownTwiceAsync(OnePlaceDb db)
    {
        using (var first = Crowd().WithBillUncertain().WithZara())
        {
            await ImportAsync(db, first);
        }

        using (var second = new ExtractFolderBuilder().WithWilliam())
        {
            await ImportAsync(db, second);
        }

        return (await PersonOfAsync(db, "C-BILL"), await PersonOfAsync(db, "GP-W"));
    }

    public static AuditWriter AuditTo(OnePlaceDb db) => new(db, TimeProvider.System);

    public static MergePeople Merge(OnePlaceDb db) => new(db, AuditTo(db), TimeProvider.System);

    public static UnmergePeople Unmerge(OnePlaceDb db) => new(db, AuditTo(db), TimeProvider.System);

    public static DecideReviewPair Decide(OnePlaceDb db) => new(db, AuditTo(db), Merge(db), TimeProvider.System);
}
