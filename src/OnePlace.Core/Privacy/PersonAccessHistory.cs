using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Store;

namespace OnePlace.Core.Privacy;

/// <summary>One thing someone did with a person's record, as the audit log holds it.</summary>
public sealed record PersonAccess(long Id, DateTime OccurredAtUtc, string Action, string? Reason, string? Detail);

/// <summary>Everything one member of staff (or client system) did with the record, newest first.</summary>
public sealed record PersonAccessesBy(string Actor, AuditActor? Who, IReadOnlyList<PersonAccess> Accesses)
{
    public DateTime Latest => Accesses[0].OccurredAtUtc;
}

/// <summary>
/// "Who has looked at my record": every access to one person's record, grouped by who made it, with the person's
/// name and identifiers for the reply to a subject access request (UK GDPR Article 15).
/// </summary>
public sealed record PersonAccessHistory(
    Guid PersonId, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? NhsNumber, IReadOnlyList<PersonAccessesBy> ByWho)
{
    public int Total => ByWho.Sum(b => b.Accesses.Count);
}

/// <summary>
/// Reads who has accessed a person's record (PRODUCT.md G2), for the privacy officer answering the person. The
/// partners' own extracts and the person index's linking of them are left out: they are the record arriving, not
/// anyone looking at it (docs/adr/0004). Rows of people merged into this one are included, since they are the same
/// person's record. Reading the history is itself a read of the person's data: it is audited, in the same save.
/// </summary>
public sealed class ReadPersonAccesses(OnePlaceDb db, AuditWriter audit)
{
    /// <summary>The actions that are the record being brought in, not someone looking at it.</summary>
    public static readonly IReadOnlyList<string> RecordArriving = [AuditAction.Import, AuditAction.LinkPerson, AuditAction.LinkageRun];

    /// <summary>The history, or null when there is no such person (nothing is audited then: no one was touched).</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    public async Task<PersonAccessHistory?> ReadAsync(StaffActor actor, Guid personId, string purpose, CancellationToken cancellationToken = default)
    {
        await ReviewAuditLog.RefuseUnlessReviewerAsync(db, audit, actor, personId, "access-history", cancellationToken);
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var ids = await db.People.AsNoTracking().Where(p => p.MergedIntoId == personId).Select(p => p.Id).ToListAsync(cancellationToken);
        ids.Add(personId);
        var arriving = RecordArriving.ToList();
        var entries = await db.AuditLog.AsNoTracking()
            .Where(a => a.PersonId != null && ids.Contains(a.PersonId.Value) && !arriving.Contains(a.Action))
            .OrderByDescending(a => a.Id).Take(AuditReview.MaxExportRows).ToListAsync(cancellationToken);
        var who = await ReviewAuditLog.ActorsAsync(db, entries.Select(e => e.Actor), cancellationToken);
        var groups = entries.GroupBy(e => e.Actor, StringComparer.Ordinal)
            .Select(g => new PersonAccessesBy(g.Key, who.GetValueOrDefault(g.Key),
                [.. g.Select(e => new PersonAccess(e.Id, e.OccurredAtUtc, e.Action, e.Reason, e.Detail))]))
            .OrderByDescending(g => g.Latest).ToList();

        audit.Add(actor.AuditName, AuditReviewAction.AccessHistory, personId, AccessReason.AuditReview,
            string.Create(CultureInfo.InvariantCulture, $"purpose={purpose}; accesses={entries.Count}; by={groups.Count}"));
        await db.SaveChangesAsync(cancellationToken);
        return new PersonAccessHistory(personId, person.GivenName, person.FamilyName, person.DateOfBirth, person.NhsNumber, groups);
    }
}
