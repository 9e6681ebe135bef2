using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Geography;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Audit;

/// <summary>
/// The audit log's hash chain (docs/adr/0018) on the real store, SQLite or PostgreSQL: it holds through ordinary work and
/// concurrent writers, an old store's rows are chained when it is migrated, and any edit, removal or reordering of a
/// row is found and named.
/// </summary>
public sealed class AuditChainTests
{
    private static readonly StaffActor Nurse = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "UCR-ALL");
    private static readonly StaffActor Coordinator = new("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>An import of three partners' records, a search and a record opened, and two referrals received.</summary>
    private static async Task DoOrdinaryWorkAsync(OnePlaceDb db)
    {
        using var folder = new ExtractFolderBuilder().WithGeography()
            .WithPerson(Partner.Gp, "GP1", "9990000018", given: "Ada", family: "Lovelace")
            .WithPerson(Partner.Gp, "GP2", "9990000026", given: "Robert", family: "Owen", sex: "M")
            .WithPerson(Partner.Hospital, "H1", "9990000018", given: "ADA", family: "LOVELACE", postcode: "WS1 1AB")
            .WithPerson(Partner.Council, "C1", "", given: "Ada", family: "Lovelace")
            .WithEvent(Partner.Gp, "E1", "GP1", "gp_contact", "2025-01-02", code: "F2F", cost: "42.00");
        var imported = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));

        var clock = new FixedClock(Monday);
        var access = new PersonRecordAccess(db, new AuditWriter(db, clock), clock);
        var found = await access.SearchAsync(Nurse, new PersonSearchQuery(Name: "Lovelace"), AccessReason.DirectCare);
        Assert.NotEmpty(found.People);

        db.Services.Add(new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" });
        db.Teams.Add(new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" });
        await db.SaveChangesAsync();
        var receive = new ReceiveReferral(db, new AuditWriter(db, clock), TriageRules.Locate(null), clock);
        var received = new List<Referral>();
        foreach (var given in new[] { "Ada", "Cara" })
        {
            received.Add((await receive.ReceiveAsync(Coordinator,
                new ReferralSubmission(new ReferredPerson(null, given, "Lovelace", new DateOnly(1940, 12, 10), "F", "WS1 1AA", null, null),
                    "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "On the floor, unhurt.", true),
                ReferralSource.Api)).Referral);
        }

        // The nurse's team accepts the first referral, which gives it a legitimate relationship with the person.
        var first = received[0];
        Assert.Equal("UCR-ALL", first.TeamCode);
        await new ChangeReferral(db, new AuditWriter(db, clock), clock).ApplyAsync(Nurse, first.Id, first.Version, new ReferralChange(ReferralAction.Accept));
        Assert.NotNull(await access.OpenAsync(Nurse, first.PersonId, AccessReason.DirectCare));
    }

    private static async Task<AuditChainReport> VerifyAsync(TestStore store, AuditAnchor? anchor = null)
    {
        await using var db = store.Open();
        return await new VerifyAuditChain(db).RunAsync(anchor);
    }

    /// <summary>What someone with the store's own credentials could do: switch the append-only triggers off, then rewrite.</summary>
    private static async Task TamperAsync(TestStore store, Func<OnePlaceDb, Task> rewrite)
    {
        await using var db = store.Open();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_log DISABLE TRIGGER USER");
        }

        await rewrite(db);
    }

    private static async Task<TestStore> WorkedStoreAsync()
    {
        var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await DoOrdinaryWorkAsync(db);
        return store;
    }

    [Fact]
    public async Task A_store_chain_verifies_after_imports_person_reads_and_referrals()
    {
        await using var store = await WorkedStoreAsync();

        var report = await VerifyAsync(store);

        await using var db = store.Open();
        var ids = await db.AuditLog.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.True(report.IsIntact, report.FirstBroken?.Why);
        Assert.True(ids.Count > 10, $"only {ids.Count} audit rows were written");
        Assert.Equal(ids.Count, report.RowsChecked);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
        Assert.Equal(ids[^1], report.HeadId);
        Assert.Equal((await db.AuditLog.SingleAsync(a => a.Id == report.HeadId)).Hash, report.HeadHash);
        Assert.Contains(await db.AuditLog.Select(a => a.Action).Distinct().ToListAsync(), a => a == AuditAction.Import);
    }

    [Theory]
    [InlineData("Detail")]
    [InlineData("Actor")]
    [InlineData("Reason")]
    public async Task Editing_one_row_text_is_detected_and_that_row_is_named(string column)
    {
        await using var store = await WorkedStoreAsync();
        var before = await VerifyAsync(store);
        long edited = before.HeadId / 2;

        await TamperAsync(store, db => db.Database.ExecuteSqlRawAsync(
            string.Format(CultureInfo.InvariantCulture, "UPDATE audit_log SET \"{0}\" = 'someone else' WHERE \"Id\" = {1}", column, edited)));

        var report = await VerifyAsync(store);
        Assert.False(report.IsIntact);
        Assert.Equal(edited, report.FirstBroken!.Id);
        Assert.Equal(edited - 1, report.RowsChecked);
    }

    [Fact]
    public async Task Editing_one_row_time_is_detected_and_that_row_is_named_with_its_time()
    {
        await using var store = await WorkedStoreAsync();
        long edited = (await VerifyAsync(store)).HeadId - 1;
        var earlier = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        await TamperAsync(store, db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"OccurredAtUtc\" = {earlier} WHERE \"Id\" = {edited}"));

        var broken = (await VerifyAsync(store)).FirstBroken!;
        Assert.Equal(edited, broken.Id);
        Assert.Equal(earlier, DateTime.SpecifyKind(broken.OccurredAtUtc, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Deleting_a_row_is_detected_at_the_row_after_it()
    {
        await using var store = await WorkedStoreAsync();
        long deleted = (await VerifyAsync(store)).HeadId / 2;

        await TamperAsync(store, db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE \"Id\" = {deleted}"));

        var report = await VerifyAsync(store);
        Assert.Equal(deleted + 1, report.FirstBroken!.Id);
        Assert.Contains("removed", report.FirstBroken.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapping_two_rows_is_detected_at_the_first_of_them()
    {
        await using var store = await WorkedStoreAsync();
        long first = (await VerifyAsync(store)).HeadId / 2;

        await TamperAsync(store, db => db.Database.ExecuteSqlRawAsync(string.Format(CultureInfo.InvariantCulture,
            "UPDATE audit_log SET \"Id\" = -1 WHERE \"Id\" = {0}; UPDATE audit_log SET \"Id\" = {0} WHERE \"Id\" = {1}; UPDATE audit_log SET \"Id\" = {1} WHERE \"Id\" = -1;",
            first, first + 1)));

        var report = await VerifyAsync(store);
        Assert.Equal(first, report.FirstBroken!.Id);
    }

    [Fact]
    public async Task Cutting_rows_off_the_end_is_detected_only_against_a_head_recorded_outside_the_store()
    {
        await using var store = await WorkedStoreAsync();
        var recorded = await VerifyAsync(store);

        await TamperAsync(store, db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE \"Id\" = {recorded.HeadId}"));

        var alone = await VerifyAsync(store);
        var anchored = await VerifyAsync(store, new AuditAnchor(recorded.HeadId, recorded.HeadHash));
        Assert.True(alone.IsIntact);
        Assert.Equal(recorded.HeadId - 1, alone.HeadId);
        Assert.False(anchored.IsIntact);
        Assert.Contains("removed from its end", anchored.AnchorProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_written_around_the_chain_is_named_and_stops_further_appends()
    {
        await using var store = await WorkedStoreAsync();
        await using (var db = store.Open())
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO audit_log (\"Id\", \"OccurredAtUtc\", \"Actor\", \"Action\") VALUES ({100_000L}, {DateTime.UtcNow}, 'psql', 'person.view')");
        }

        var report = await VerifyAsync(store);
        await using var writer = store.Open();
        Assert.Equal(100_000L, report.FirstBroken!.Id);
        Assert.Contains("no hash", report.FirstBroken.Why, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new AuditWriter(writer, TimeProvider.System).WriteAsync("someone", AuditAction.SignIn));
    }

    [Fact]
    public async Task Concurrent_writers_on_the_real_store_still_leave_one_intact_chain()
    {
        await using var store = await TestStore.CreateAsync();
        const int writers = 4, rowsEach = 50;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var db = store.Open();
            var audit = new AuditWriter(db, TimeProvider.System);
            for (int i = 0; i < rowsEach; i += 2)
            {
                if (w % 2 == 0)
                {
                    await audit.WriteAsync($"writer{w}", AuditAction.SignIn, $"row={i}");
                    await audit.WriteAsync($"writer{w}", AuditAction.SignIn, $"row={i + 1}");
                }
                else
                {
                    // Two rows in one transaction of the caller's, as a use case writes them.
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    audit.Add($"writer{w}", AuditAction.ViewPerson, Guid.NewGuid(), AccessReason.DirectCare, $"row={i}");
                    await db.SaveChangesAsync();
                    audit.Add($"writer{w}", AuditAction.ViewPerson, Guid.NewGuid(), AccessReason.DirectCare, $"row={i + 1}");
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
            }
        })));

        var report = await VerifyAsync(store);
        Assert.True(report.IsIntact, report.FirstBroken?.Why);
        Assert.Equal(writers * rowsEach, report.RowsChecked);
        Assert.Equal(writers * rowsEach, report.HeadId);
    }

    [Fact]
    public async Task A_store_made_before_the_chain_has_its_rows_chained_in_order_when_migrated()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        await using var db = store.Open();
        var migrations = db.Database.GetMigrations().ToList();
        int chain = migrations.FindIndex(m => m.EndsWith(ChainExistingAuditRows.MigrationSuffix, StringComparison.Ordinal));
        Assert.True(chain > 0);
        await db.GetService<IMigrator>().MigrateAsync(migrations[chain - 1]);
        var at = new DateTime(2026, 11, 1, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234567);
        for (int i = 0; i < 7; i++)
        {
            // As the writers of that time wrote rows: no hash; the store numbered them.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audit_log (\"OccurredAtUtc\", \"Actor\", \"Action\", \"PersonId\", \"Detail\") VALUES ({at.AddMinutes(i)}, {"old@partnership.test"}, {AuditAction.ViewPerson}, {(i % 2 == 0 ? Guid.NewGuid() : (Guid?)null)}, {(i == 3 ? null : $"row {i}")})");
        }

        await db.Database.MigrateAsync();
        await new AuditWriter(db, TimeProvider.System).WriteAsync("new@partnership.test", AuditAction.SignIn);

        var report = await VerifyAsync(store);
        Assert.True(report.IsIntact, report.FirstBroken?.Why);
        Assert.Equal(8, report.RowsChecked);
        await using var migrated = store.Open();
        Assert.Equal(0, await migrated.AuditLog.CountAsync(a => a.Hash == null));
        // Chained rows stay append-only: the one update the store allows is giving a row without a hash its hash.
        await Assert.ThrowsAnyAsync<Exception>(() => migrated.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Detail\" = 'x' WHERE \"Id\" = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => migrated.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Hash\" = NULL WHERE \"Id\" = 1"));
    }

    [Fact]
    public async Task Writing_audited_rows_one_save_at_a_time_keeps_the_chain_and_reports_the_cost()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var audit = new AuditWriter(db, TimeProvider.System);
        const int rows = 300;
        await audit.WriteAsync("warm-up", AuditAction.SignIn);

        var watch = Stopwatch.StartNew();
        for (int i = 0; i < rows; i++)
        {
            await audit.WriteAsync("writer", AuditAction.SignIn, $"row={i}");
        }

        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(db.Database.IsSqlite() ? "SQLite" : "PostgreSQL")}: {rows} audited saves, {watch.Elapsed.TotalMilliseconds / rows:F3} ms each"));
        var report = await VerifyAsync(store);
        Assert.True(report.IsIntact, report.FirstBroken?.Why);
        Assert.Equal(rows + 1, report.RowsChecked);
    }
}
