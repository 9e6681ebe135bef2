using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Privacy;

/// <summary>The National Data Opt-out list: checked whole, replaced whole, one audit row naming no one (docs/adr/0017).</summary>
public sealed class ImportOptOutsTests
{
    private static readonly StaffActor Steward = new("steward-1", "steward@partnership.test", [StaffRoles.DataSteward]);
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static ImportOptOuts Import(OnePlaceDb db)
    {
        var clock = new FixedClock(Now);
        return new ImportOptOuts(db, new AuditWriter(db, clock), clock);
    }

    private static Task<OptOutImportResult> ImportAsync(OnePlaceDb db, string text, DateOnly checkedOn, StaffActor? actor = null) =>
        Import(db).ImportAsync(actor ?? Steward, "opt-outs.dat", new StringReader(text), checkedOn);

    private static async Task<List<string>> ListAsync(OnePlaceDb db) =>
        await db.NationalDataOptOuts.AsNoTracking().Select(o => o.NhsNumber).OrderBy(n => n).ToListAsync();

    [Fact]
    public async Task The_services_file_with_trailing_commas_and_numbers_written_3_3_4_is_read_and_recorded_with_the_date_checked()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        string one = TestNhsNumbers.Number(1), two = TestNhsNumbers.Number(2);
        string spaced = $"{two[..3]} {two[3..6]} {two[6..]}";

        var result = await ImportAsync(db, $"{one},\n{spaced},\n\n", new DateOnly(2026, 1, 9));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([one, two], await ListAsync(db));
        var check = await db.NationalDataOptOutChecks.SingleAsync();
        Assert.Equal((new DateOnly(2026, 1, 9), 2, "steward@partnership.test", "opt-outs.dat"), (check.CheckedOn, check.NhsNumbers, check.ImportedBy, check.FileName));
    }

    [Fact]
    public async Task Each_import_replaces_the_list_and_writes_one_audit_row_that_names_no_person_and_no_number()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        string one = TestNhsNumbers.Number(1), two = TestNhsNumbers.Number(2), three = TestNhsNumbers.Number(3);
        await ImportAsync(db, $"{one}\n{two}\n", new DateOnly(2026, 1, 2));

        var second = await ImportAsync(db, $"nhs_number\n{two}\n{three}\n", new DateOnly(2026, 1, 9));

        Assert.Equal((2, 2), (second.NhsNumbers, second.Replaced));
        Assert.Equal([two, three], await ListAsync(db));
        var rows = await db.AuditLog.Where(a => a.Action == OptOutAuditAction.ListImported).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.PersonId));
        Assert.All(rows, r => Assert.DoesNotContain((string[])[one, two, three], n => r.Detail!.Contains(n, StringComparison.Ordinal)));
        Assert.Equal("file=opt-outs.dat; checked_on=2026-01-09; nhs_numbers=2; replaced=2", rows[1].Detail);
    }

    [Fact]
    public async Task A_list_with_any_bad_line_is_refused_whole_each_line_given_with_its_reason_and_nothing_changes()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        string one = TestNhsNumbers.Number(1), two = TestNhsNumbers.Number(2);
        await ImportAsync(db, $"{one}\n", new DateOnly(2026, 1, 2));
        string wrongCheck = two[..9] + (char)('0' + ((two[9] - '0' + 1) % 10));
        int auditRows = await db.AuditLog.CountAsync();

        var result = await ImportAsync(db, $"{two},\n{wrongCheck},\n12345,\n{two},\n1111111111\n{one},{two}\n", new DateOnly(2026, 1, 9));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                (2, "is not a valid NHS number: it fails the Modulus 11 check"),
                (3, "is not a valid NHS number: it must be 10 digits"),
                (4, "repeats the NHS number on line 1"),
                (5, "is not a valid NHS number: it is one digit repeated ten times, which is never issued"),
                (6, "holds more than one field: expected one NHS number a line"),
            ],
            result.Errors.Select(e => (e.Line, e.Reason)));
        Assert.All(result.Errors, e => Assert.DoesNotContain(two, e.ToString(), StringComparison.Ordinal));
        Assert.Equal([one], await ListAsync(db));
        Assert.Equal(1, await db.NationalDataOptOutChecks.CountAsync());
        Assert.Equal(auditRows, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task An_empty_file_an_older_list_and_a_date_to_come_are_refused()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        string one = TestNhsNumbers.Number(1);
        await ImportAsync(db, $"{one}\n", new DateOnly(2026, 1, 9));

        var empty = await ImportAsync(db, "\n", new DateOnly(2026, 1, 10));
        var older = await ImportAsync(db, $"{TestNhsNumbers.Number(2)}\n", new DateOnly(2026, 1, 2));
        var future = await ImportAsync(db, $"{TestNhsNumbers.Number(2)}\n", new DateOnly(2026, 1, 11));

        Assert.Equal("the file holds no NHS numbers", Assert.Single(empty.Errors).Reason);
        Assert.Contains("an older list cannot replace a newer one", Assert.Single(older.Errors).Reason, StringComparison.Ordinal);
        Assert.Contains("is in the future", Assert.Single(future.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal([one], await ListAsync(db));
    }

    [Theory]
    [InlineData(StaffRoles.Analyst)]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.ReferralClient)]
    [InlineData(StaffRoles.BoardMember)]
    [InlineData(StaffRoles.Administrator)]
    public async Task Only_data_stewards_and_the_privacy_officer_may_import_the_list(string role)
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();

        await Assert.ThrowsAsync<OptOutImportDeniedException>(() =>
            ImportAsync(db, $"{TestNhsNumbers.Number(1)}\n", new DateOnly(2026, 1, 9), new StaffActor("x", "x@partnership.test", [role])));
        Assert.True((await ImportAsync(db, $"{TestNhsNumbers.Number(1)}\n", new DateOnly(2026, 1, 9),
            new StaffActor("p", "privacy@partnership.test", [StaffRoles.PrivacyOfficer]))).Succeeded);
        Assert.Equal(0, await db.AuditLog.CountAsync(a => a.Actor == "x@partnership.test"));
    }
}
