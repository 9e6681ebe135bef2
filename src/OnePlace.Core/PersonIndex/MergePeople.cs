using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.Store;

namespace OnePlace.Core.PersonIndex;

/// <summary>A merge made: its id (for undoing it), the two people and how many records moved.</summary>
public sealed record MergeOutcome(long MergeId, Guid SurvivorId, Guid MergedId, int RecordsMoved);

/// <summary>
/// A data steward merges one person into another (PRODUCT.md A2): every record of the merged person, with its events
/// and conditions, moves to the survivor; the merged person stays, hidden, pointing at the survivor. The survivor
/// takes the merged person's details when a record of theirs is more authoritative, their NHS number when the
/// survivor has none, and the earlier date of death. Both people's details before the merge and the records moved
/// are kept, so that <see cref="UnmergePeople"/> can put everything back exactly. Data stewards only; one audit row
/// per person; one transaction.
/// </summary>
public sealed class MergePeople(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<MergeOutcome> MergeAsync(
        StaffActor actor, Guid survivorId, Guid mergedId, string reason, CancellationToken cancellationToken = default)
    {
        await PersonIndexAccess.RefuseUnlessStewardAsync(db, audit, actor, mergedId, "merge", cancellationToken);
        var why = RequireReason(reason);
        return await InTransactionAsync(db, () => MergeInTransactionAsync(actor.AuditName, survivorId, mergedId, why, null, cancellationToken), cancellationToken);
    }

    /// <summary>The merge itself, inside the caller's transaction (a steward's match decision merges through here).</summary>
    internal async Task<MergeOutcome> MergeInTransactionAsync(
        string actor, Guid survivorId, Guid mergedId, string reason, long? decisionId, CancellationToken cancellationToken)
    {
        if (survivorId == mergedId)
        {
            throw new PersonIndexException(PersonIndexProblem.SamePerson);
        }

        var survivor = await db.People.SingleOrDefaultAsync(p => p.Id == survivorId, cancellationToken);
        var merged = await db.People.SingleOrDefaultAsync(p => p.Id == mergedId, cancellationToken);
        if (survivor is null || merged is null)
        {
            throw new PersonIndexException(PersonIndexProblem.NotFound);
        }

        if (survivor.MergedIntoId is not null || merged.MergedIntoId is not null)
        {
            throw new PersonIndexException(PersonIndexProblem.AlreadyMerged);
        }

        // Claim the merged person first, conditionally, so that two stewards merging the same person cannot both succeed.
        var claimed = await db.People.Where(p => p.Id == mergedId && p.MergedIntoId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, survivorId), cancellationToken);
        if (claimed != 1)
        {
            throw new PersonIndexException(PersonIndexProblem.AlreadyMerged);
        }

        var survivorBefore = PersonDetailsSnapshot.Of(survivor);
        var mergedBefore = PersonDetailsSnapshot.Of(merged);
        var moving = await db.SourceRecords.Where(r => r.PersonId == mergedId).Select(r => new { r.Id, r.Partner }).ToListAsync(cancellationToken);
        var staying = await db.SourceRecords.Where(r => r.PersonId == survivorId).Select(r => r.Partner).ToListAsync(cancellationToken);

        if (BestPrecedence(moving.Select(r => r.Partner)) < BestPrecedence(staying))
        {
            mergedBefore.ApplyDemographicsTo(survivor);
        }

        if (merged.DateOfDeath is { } died && (survivor.DateOfDeath is null || died < survivor.DateOfDeath))
        {
            survivor.DateOfDeath = died;
        }

        if (survivor.NhsNumber is null && merged.NhsNumber is { } nhs)
        {
            // NHS numbers are unique among people: free it from the merged person before the survivor takes it.
            merged.NhsNumber = null;
            await db.SaveChangesAsync(cancellationToken);
            survivor.NhsNumber = nhs;
        }

        await db.SaveChangesAsync(cancellationToken);

        await db.SourceRecords.Where(r => r.PersonId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, survivorId), cancellationToken);
        await db.Events.Where(e => e.PersonId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(e => e.PersonId, survivorId), cancellationToken);
        await db.Conditions.Where(c => c.PersonId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, survivorId), cancellationToken);

        var merge = new PersonMerge
        {
            SurvivorId = survivorId,
            MergedId = mergedId,
            Actor = actor,
            MergedAtUtc = clock.GetUtcNow().UtcDateTime,
            Reason = reason,
            LinkDecisionId = decisionId,
            SurvivorBefore = survivorBefore.ToJson(),
            MergedBefore = mergedBefore.ToJson(),
        };
        db.PersonMerges.Add(merge);
        await db.SaveChangesAsync(cancellationToken);
        db.PersonMergeRecords.AddRange(moving.Select(r => new PersonMergeRecord { MergeId = merge.Id, SourceRecordId = r.Id }));

        // Pairs in the queue between the two people are answered by the merge.
        var survivorRecords = db.SourceRecords.Where(r => r.PersonId == survivorId).Select(r => r.Id);
        await db.LinkReviewPairs.Where(p => survivorRecords.Contains(p.RecordIdA) && survivorRecords.Contains(p.RecordIdB))
            .ExecuteDeleteAsync(cancellationToken);

        var detail = string.Create(CultureInfo.InvariantCulture, $"merge={merge.Id}; records_moved={moving.Count}");
        audit.Add(actor, AuditAction.MergePeople, survivorId, reason, detail + "; role=survivor");
        audit.Add(actor, AuditAction.MergePeople, mergedId, reason, detail + "; role=merged");
        await db.SaveChangesAsync(cancellationToken);
        return new MergeOutcome(merge.Id, survivorId, mergedId, moving.Count);
    }

    /// <summary>The best (lowest) demographic precedence among a person's records' partners.</summary>
    internal static int BestPrecedence(IEnumerable<string> partners) =>
        partners.Select(Partner.DemographicPrecedence).DefaultIfEmpty(int.MaxValue).Min();

    internal static string RequireReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new PersonIndexException(PersonIndexProblem.ReasonRequired) : reason.Trim();

    /// <summary>Runs <paramref name="work"/> in the current transaction, or in a new one committed when it succeeds.</summary>
    internal static async Task<T> InTransactionAsync<T>(OnePlaceDb db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
