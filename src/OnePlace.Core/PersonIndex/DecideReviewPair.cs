using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Store;

namespace OnePlace.Core.PersonIndex;

/// <summary>A steward's decision recorded, and the merge it made when the pair was a match of two people.</summary>
public sealed record ReviewDecisionOutcome(long DecisionId, bool IsMatch, MergeOutcome? Merge);

/// <summary>
/// A data steward answers a pair from the review queue. The decision is kept forever and passed to every later
/// linkage run; the pair leaves the queue. A match merges the two people (<see cref="MergePeople"/>: the survivor is
/// the person with the more authoritative record); "not a match" also clears the queue of other pairs between the
/// same two people. Data stewards only; one audit row per person; one transaction.
/// </summary>
public sealed class DecideReviewPair(OnePlaceDb db, AuditWriter audit, MergePeople merge, TimeProvider clock)
{
    public async Task<ReviewDecisionOutcome> DecideAsync(
        StaffActor actor, long pairId, bool isMatch, string reason, CancellationToken cancellationToken = default)
    {
        await PersonIndexAccess.RefuseUnlessStewardAsync(db, audit, actor, null, "decide-link", cancellationToken);
        var why = MergePeople.RequireReason(reason);
        return await MergePeople.InTransactionAsync(db, () => DecideInTransactionAsync(actor.AuditName, pairId, isMatch, why, cancellationToken), cancellationToken);
    }

    private async Task<ReviewDecisionOutcome> DecideInTransactionAsync(string actor, long pairId, bool isMatch, string reason, CancellationToken cancellationToken)
    {
        var pair = await db.LinkReviewPairs.SingleOrDefaultAsync(p => p.Id == pairId, cancellationToken)
            ?? throw new PersonIndexException(PersonIndexProblem.PairNoLongerOpen);
        var people = await db.SourceRecords.Where(r => r.Id == pair.RecordIdA || r.Id == pair.RecordIdB)
            .ToDictionaryAsync(r => r.Id, r => r.PersonId, cancellationToken);
        var personA = people.GetValueOrDefault(pair.RecordIdA);
        var personB = people.GetValueOrDefault(pair.RecordIdB);

        var decision = new LinkDecision
        {
            RecordIdA = pair.RecordIdA,
            RecordIdB = pair.RecordIdB,
            IsMatch = isMatch,
            Actor = actor,
            DecidedAtUtc = clock.GetUtcNow().UtcDateTime,
            Reason = reason,
        };
        db.LinkDecisions.Add(decision);
        db.LinkReviewPairs.Remove(pair);
        await db.SaveChangesAsync(cancellationToken);

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"decision={decision.Id}; {(isMatch ? "match" : "not_a_match")}; probability={pair.Probability:0.####}");
        foreach (var person in new[] { personA, personB }.OfType<Guid>().Distinct())
        {
            audit.Add(actor, AuditAction.DecideLink, person, reason, detail);
        }

        await db.SaveChangesAsync(cancellationToken);

        MergeOutcome? merged = null;
        if (personA is { } a && personB is { } b && a != b)
        {
            if (isMatch)
            {
                var (survivor, other) = await ChooseSurvivorAsync(a, b, cancellationToken);
                merged = await merge.MergeInTransactionAsync(actor, survivor, other, reason, decision.Id, cancellationToken);
            }
            else
            {
                var recordsOfA = db.SourceRecords.Where(r => r.PersonId == a).Select(r => r.Id);
                var recordsOfB = db.SourceRecords.Where(r => r.PersonId == b).Select(r => r.Id);
                await db.LinkReviewPairs
                    .Where(p => (recordsOfA.Contains(p.RecordIdA) && recordsOfB.Contains(p.RecordIdB)) ||
                                (recordsOfB.Contains(p.RecordIdA) && recordsOfA.Contains(p.RecordIdB)))
                    .ExecuteDeleteAsync(cancellationToken);
            }
        }

        return new ReviewDecisionOutcome(decision.Id, isMatch, merged);
    }

    /// <summary>
    /// The person who holds the more authoritative record survives (so the person's details need not change), then
    /// the one with an NHS number, then the one known longer.
    /// </summary>
    private async Task<(Guid Survivor, Guid Merged)> ChooseSurvivorAsync(Guid a, Guid b, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.Id == a || p.Id == b)
            .Select(p => new { p.Id, p.NhsNumber, p.CreatedAtUtc }).ToListAsync(cancellationToken);
        var partners = await db.SourceRecords.AsNoTracking().Where(r => r.PersonId == a || r.PersonId == b)
            .Select(r => new { r.PersonId, r.Partner }).ToListAsync(cancellationToken);
        var ranked = people
            .OrderBy(p => MergePeople.BestPrecedence(partners.Where(r => r.PersonId == p.Id).Select(r => r.Partner)))
            .ThenBy(p => p.NhsNumber is null ? 1 : 0)
            .ThenBy(p => p.CreatedAtUtc)
            .ThenBy(p => p.Id)
            .ToList();
        if (ranked.Count != 2)
        {
            throw new PersonIndexException(PersonIndexProblem.NotFound);
        }

        return (ranked[0].Id, ranked[1].Id);
    }
}
