using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.PersonIndex;

/// <summary>
/// Data stewards' merges, newest first, with who merged whom and why and whether the merge was undone. Loaded only
/// through <see cref="Access.PersonIndexAccess"/>, which checks the steward's role and audits every person shown.
/// </summary>
public sealed record MergeHistory(IReadOnlyList<MergeView> Merges, int Total)
{
    public const int PageSize = 50;

    internal static async Task<MergeHistory> LoadAsync(OnePlaceDb db, int limit, CancellationToken cancellationToken)
    {
        var total = await db.PersonMerges.CountAsync(cancellationToken);
        var merges = await db.PersonMerges.AsNoTracking()
            .OrderByDescending(m => m.MergedAtUtc).ThenByDescending(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var mergeIds = merges.Select(m => m.Id).ToList();
        var moved = await db.PersonMergeRecords.AsNoTracking()
            .Where(r => mergeIds.Contains(r.MergeId))
            .GroupBy(r => r.MergeId)
            .Select(g => new { MergeId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.MergeId, g => g.Count, cancellationToken);
        var personIds = merges.SelectMany(m => new[] { m.SurvivorId, m.MergedId }).Distinct().ToList();
        var people = await db.People.AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.MergedIntoId })
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        MergePerson Person(Guid id, string before)
        {
            // The NHS number as it was at the merge: a merged person's number may have moved to the survivor.
            var snapshot = PersonDetailsSnapshot.FromJson(before);
            var p = people[id];
            return new MergePerson(id, p.GivenName, p.FamilyName, p.DateOfBirth, snapshot.NhsNumber, p.MergedIntoId);
        }

        var views = merges.Select(m => new MergeView(
            m.Id, m.MergedAtUtc, m.Actor, m.Reason, m.LinkDecisionId is not null,
            Person(m.SurvivorId, m.SurvivorBefore), Person(m.MergedId, m.MergedBefore), moved.GetValueOrDefault(m.Id),
            m.UndoneBy, m.UndoneAtUtc, m.UndoReason)).ToList();
        return new MergeHistory(views, total);
    }
}

/// <summary>One merge: the survivor, the person merged into them, and how it stands.</summary>
public sealed record MergeView(
    long Id,
    DateTime MergedAtUtc,
    string Actor,
    string Reason,
    bool FromReviewQueue,
    MergePerson Survivor,
    MergePerson Merged,
    int RecordsMoved,
    string? UndoneBy,
    DateTime? UndoneAtUtc,
    string? UndoReason)
{
    public bool IsUndone => UndoneAtUtc is not null;
}

/// <summary>A person in the merge history, with just enough to tell who they are.</summary>
public sealed record MergePerson(Guid Id, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? NhsNumber, Guid? MergedIntoId);
