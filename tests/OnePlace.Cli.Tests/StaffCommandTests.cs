using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

public sealed class StaffCommandTests
{
    [Fact]
    public async Task Staff_disable_locks_the_account_with_a_new_stamp_and_enable_lifts_it_both_audited()
    {
        await using var store = await TestStore.CreateAsync();
        string stampBefore;
        await using (var db = store.Open())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            var user = new StaffUser { UserName = "nurse@partnership.test", Email = "nurse@partnership.test", NormalizedEmail = "NURSE@PARTNERSHIP.TEST", NormalizedUserName = "NURSE@PARTNERSHIP.TEST", SecurityStamp = "before", LockoutEnabled = true };
            db.Users.Add(user);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            stampBefore = user.SecurityStamp;
        }

        var (disable, disableOutput) = await Oneplace.RunAsync(store, "staff", "disable", "--email", "Nurse@Partnership.test");
        StaffUser disabled;
        await using (var db = store.Open())
        {
            disabled = await db.Users.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        }

        var (enable, _) = await Oneplace.RunAsync(store, "staff", "enable", "--email", "nurse@partnership.test");
        var (unknown, unknownOutput) = await Oneplace.RunAsync(store, "staff", "disable", "--email", "nobody@partnership.test");

        Assert.Equal(0, disable);
        Assert.Contains("is now disabled", disableOutput, StringComparison.Ordinal);
        Assert.True(ChangeStaffAccountStatus.IsDisabled(disabled));
        Assert.NotEqual(stampBefore, disabled.SecurityStamp);
        Assert.Equal(0, enable);
        Assert.Equal(2, unknown);
        Assert.Contains("No staff account has the email address", unknownOutput, StringComparison.Ordinal);
        await using var check = store.Open();
        var user2 = await check.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(user2.LockoutEnd);
        var rows = await check.AuditLog.OrderBy(a => a.Id).Select(a => a.Actor + " " + a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["cli " + AuditAction.StaffDisabled, "cli " + AuditAction.StaffEnabled], rows);
    }
}
