using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Audit;

public class AuditLogTests
{
    private static async Task<long> WriteOneAsync(OnePlace.Core.Store.OnePlaceDb db)
    {
        var entry = new AuditEntry { Actor = "tester", Action = AuditAction.ViewPerson, OccurredAtUtc = DateTime.UtcNow, Reason = "Direct care" };
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    [Fact]
    public async Task The_store_refuses_to_change_an_audit_entry()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await WriteOneAsync(db);
        var entry = await db.AuditLog.SingleAsync();

        entry.Reason = "rewritten";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_rows_even_through_raw_sql()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await WriteOneAsync(db);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Reason\" = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));

        await using var fresh = store.Open();
        Assert.Equal("Direct care", (await fresh.AuditLog.SingleAsync()).Reason);
    }
}
