using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Store;

namespace OnePlace.Core.Staff;

public enum StaffAccountChange
{
    Disable,
    Enable,
}

public enum StaffAccountOutcome
{
    Changed,
    AlreadySo,
    NoSuchAccount,
}

/// <summary>
/// Disables or enables a member of staff's account, audited. Disabling locks the account with no end and replaces its
/// security stamp, so that sign-in is refused and every session already open ends at its next stamp check
/// (ASVS 5.0 7.4.2, 7.4.5); enabling lifts the lock and clears the failed-attempt count. The same use case serves the
/// command line and the web, on the store directly, so that the change and its audit row commit as one.
/// </summary>
public sealed class ChangeStaffAccountStatus(OnePlaceDb db, TimeProvider clock)
{
    public async Task<StaffAccountOutcome> RunAsync(string email, StaffAccountChange change, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        string normalised = email.Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalised, cancellationToken);
        if (user is null)
        {
            return StaffAccountOutcome.NoSuchAccount;
        }

        bool disabled = IsDisabled(user);
        if (disabled == (change == StaffAccountChange.Disable))
        {
            return StaffAccountOutcome.AlreadySo;
        }

        if (change == StaffAccountChange.Disable)
        {
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
        }
        else
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        // A new stamp invalidates every cookie issued before it (Identity's SecurityStampValidator) and every
        // outstanding password-reset or two-factor token.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        new AuditWriter(db, clock).Add(actor, change == StaffAccountChange.Disable ? AuditAction.StaffDisabled : AuditAction.StaffEnabled,
            detail: "account=" + user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return StaffAccountOutcome.Changed;
    }

    /// <summary>Disabled means locked with no end: an ordinary lockout after wrong passwords has an end.</summary>
    public static bool IsDisabled(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd == DateTimeOffset.MaxValue;
    }
}
