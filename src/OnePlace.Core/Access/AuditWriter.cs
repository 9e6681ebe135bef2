using OnePlace.Core.Audit;
using OnePlace.Core.Store;

namespace OnePlace.Core.Access;

/// <summary>
/// Adds rows to the append-only audit log. It only adds them to the context: the caller's SaveChanges writes
/// them together with whatever else the use case changes, so an action and its audit row commit or fail as one.
/// </summary>
public sealed class AuditWriter(OnePlaceDb db, TimeProvider clock)
{
    public AuditEntry Add(string actor, string action, Guid? personId = null, string? reason = null, string? detail = null)
    {
        var entry = new AuditEntry
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            PersonId = personId,
            Reason = reason,
            Detail = detail,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Adds and saves one row on its own (sign-in events, which change nothing else).</summary>
    public async Task WriteAsync(string actor, string action, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, detail: detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
