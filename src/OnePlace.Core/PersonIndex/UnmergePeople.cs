using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Store;

namespace OnePlace.Core.PersonIndex;

/// <summary>An unmerge made: the merge undone, the two people, and how many records went back.</summary>
public sealed record UnmergeOutcome(long MergeId, Guid SurvivorId, Guid RestoredId, int RecordsRestored);

/// <summary>
/// A data steward undoes a merge (PRODUCT.md A2): the records the merge moved, and any record that has since joined the
/// survivor on the merged person's NHS number, go back to the merged person with their events and conditions; both
/// people's details are put back as they were before the merge (unless an import has since given the survivor better
/// ones); and a "not a match" decision is recorded so that later linkage runs keep the two apart. Data stewards only;
/// one audit row per person; one transaction.
/// </summary>
public sealed class UnmergePeople(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<UnmergeOutcome> UnmergeAsync(StaffActor actor, long mergeId, string reason, CancellationToken cancellationToken = default)
    {
        await PersonIndexAccess.RefuseUnlessStewardAsync(db, audit, actor, null, "unmerge", cancellationToken);
        var why = MergePeople.RequireReason(reason);
        return await MergePeople.InTransactionAsync(db, () => UnmergeInTransactionAsync(actor.AuditName, mergeId, why, cancellationToken), cancellationToken);
    }

    private async Task<UnmergeOutcome> UnmergeInTransactionAsync(string actor, long mergeId, string reason, CancellationToken cancellationToken)
    {
        var merge = await db.PersonMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken)
            ?? throw new PersonIndexException(PersonIndexProblem.NotFound);
        if (merge.IsUndone)
        {
            throw new PersonIndexException(PersonIndexProblem.AlreadyUndone);
        }

        var survivor = await db.People.SingleAsync(p => p.Id == merge.SurvivorId, cancellationToken);
        var merged = await db.People.SingleAsync(p => p.Id == merge.MergedId, cancellationToken);
        if (survivor.MergedIntoId is not null)
        {
            // Merges are undone newest first: the survivor's records now sit with a third person.
            throw new PersonIndexException(PersonIndexProblem.LaterMergeFirst);
        }

        var released = await db.People.Where(p => p.Id == merged.Id && p.MergedIntoId == survivor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, (Guid?)null), cancellationToken);
        if (released != 1)
        {
            throw new PersonIndexException(PersonIndexProblem.AlreadyUndone);
        }

        var survivorBefore = PersonDetailsSnapshot.FromJson(merge.SurvivorBefore);
        var mergedBefore = PersonDetailsSnapshot.FromJson(merge.MergedBefore);

        var moved = db.PersonMergeRecords.Where(r => r.MergeId == mergeId).Select(r => r.SourceRecordId);
        var nhs = mergedBefore.NhsNumber;
        var restoring = await db.SourceRecords
            .Where(r => r.PersonId == survivor.Id && (moved.Contains(r.Id) || (nhs != null && r.NhsNumber == nhs)))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        await db.SourceRecords.Where(r => restoring.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, merged.Id), cancellationToken);
        await db.Events.Where(e => e.PersonId == survivor.Id && restoring.Contains(e.SourceRecordId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.PersonId, merged.Id), cancellationToken);
        await db.Conditions.Where(c => c.PersonId == survivor.Id && restoring.Contains(c.SourceRecordId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, merged.Id), cancellationToken);

        // The survivor's details go back unless something other than this merge has changed them since.
        var now = PersonDetailsSnapshot.Of(survivor);
        if (now.Demographics() == mergedBefore.Demographics() && now.Demographics() != survivorBefore.Demographics())
        {
            survivorBefore.ApplyDemographicsTo(survivor);
        }

        if (survivor.DateOfDeath != survivorBefore.DateOfDeath && survivor.DateOfDeath == mergedBefore.DateOfDeath)
        {
            survivor.DateOfDeath = survivorBefore.DateOfDeath;
        }

        if (survivorBefore.NhsNumber is null && nhs is not null && survivor.NhsNumber == nhs)
        {
            // The NHS number the survivor took goes back to its owner (unique: release it first).
            survivor.NhsNumber = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        mergedBefore.ApplyDemographicsTo(merged);
        merged.NhsNumber = mergedBefore.NhsNumber;
        merged.DateOfDeath = mergedBefore.DateOfDeath;

        merge.UndoneBy = actor;
        merge.UndoneAtUtc = clock.GetUtcNow().UtcDateTime;
        merge.UndoReason = reason;
        await db.SaveChangesAsync(cancellationToken);

        await KeepApartAsync(actor, reason, restoring, survivor.Id, merge.UndoneAtUtc.Value, cancellationToken);

        var detail = string.Create(CultureInfo.InvariantCulture, $"merge={merge.Id}; records_restored={restoring.Count}");
        audit.Add(actor, AuditAction.UnmergePeople, survivor.Id, reason, detail + "; role=survivor");
        audit.Add(actor, AuditAction.UnmergePeople, merged.Id, reason, detail + "; role=restored");
        await db.SaveChangesAsync(cancellationToken);
        return new UnmergeOutcome(merge.Id, survivor.Id, merged.Id, restoring.Count);
    }

    /// <summary>
    /// Records "not a match" so that no later run or queue brings the two together again: on every pair a steward
    /// had called a match across the two people, or else on one pair of their records.
    /// </summary>
    private async Task KeepApartAsync(string actor, string reason, List<long> restored, Guid survivorId, DateTime at, CancellationToken cancellationToken)
    {
        var remaining = await db.SourceRecords.Where(r => r.PersonId == survivorId).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        if (restored.Count == 0 || remaining.Count == 0)
        {
            return;
        }

        var decided = await db.LinkDecisions.AsNoTracking()
            .Where(d => restored.Contains(d.RecordIdA) || restored.Contains(d.RecordIdB))
            .OrderBy(d => d.DecidedAtUtc).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var latest = new Dictionary<(long, long), bool>();
        foreach (var d in decided)
        {
            latest[(d.RecordIdA, d.RecordIdB)] = d.IsMatch;
        }

        var stay = remaining.ToHashSet();
        var back = restored.ToHashSet();
        var pairs = latest.Where(d => d.Value && ((back.Contains(d.Key.Item1) && stay.Contains(d.Key.Item2)) || (stay.Contains(d.Key.Item1) && back.Contains(d.Key.Item2))))
            .Select(d => d.Key)
            .ToList();
        if (pairs.Count == 0)
        {
            pairs.Add(LinkPeople.Ordered(restored.Min(), remaining[0]));
        }

        foreach (var (a, b) in pairs)
        {
            db.LinkDecisions.Add(new LinkDecision { RecordIdA = a, RecordIdB = b, IsMatch = false, Actor = actor, DecidedAtUtc = at, Reason = reason });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
