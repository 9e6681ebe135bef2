using OnePlace.Core.Audit;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Store;

namespace OnePlace.Core.Access;

/// <summary>
/// The way in to the person index's steward views: the review queue and the merge history. They show people's
/// names, birth dates and NHS numbers side by side, so, as with <see cref="PersonRecordAccess"/>, the actor's role is
/// checked first (data stewards only), a refusal is audited as <see cref="AccessAuditAction.ViewDenied"/>, and one
/// audit row per person shown is saved before anything is handed back.
/// </summary>
public sealed class PersonIndexAccess(OnePlaceDb db, AuditWriter audit)
{
    /// <summary>Steward work is data quality (Caldicott: the purpose is recorded on every row).</summary>
    public const string Reason = AccessReason.DataQuality;

    /// <summary>Whether <paramref name="actor"/> may review links, merge and unmerge people.</summary>
    public static bool MayStewardPersonIndex(StaffActor actor) => actor.May(Permission.StewardPersonIndex);

    /// <summary>The open review pairs, strongest first, at most <paramref name="limit"/>.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a data steward.</exception>
    public async Task<LinkReview> OpenReviewQueueAsync(StaffActor actor, int limit = LinkReview.PageSize, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessStewardAsync(db, audit, actor, null, "review-queue", cancellationToken);
        var queue = await LinkReview.LoadAsync(db, limit, cancellationToken);
        foreach (var person in queue.Pairs.SelectMany(p => new[] { p.A.PersonId, p.B.PersonId }).OfType<Guid>().Distinct())
        {
            audit.Add(actor.AuditName, AuditAction.ListPerson, person, Reason, "shown in the link review queue");
        }
        await db.SaveChangesAsync(cancellationToken);
        return queue;
    }

    /// <summary>The latest merges, newest first, at most <paramref name="limit"/>.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a data steward.</exception>
    public async Task<MergeHistory> OpenMergeHistoryAsync(StaffActor actor, int limit = MergeHistory.PageSize, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessStewardAsync(db, audit, actor, null, "merge-history", cancellationToken);
        var history = await MergeHistory.LoadAsync(db, limit, cancellationToken);
        foreach (var person in history.Merges.SelectMany(m => new[] { m.Survivor.Id, m.Merged.Id }).Distinct())
        {
            audit.Add(actor.AuditName, AuditAction.ListPerson, person, Reason, "shown in the merge history");
        }
        await db.SaveChangesAsync(cancellationToken);
        return history;
    }

    /// <summary>Audits and refuses anyone but a data steward; <paramref name="attempted"/> names what they tried.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a data steward.</exception>
    internal static async Task RefuseUnlessStewardAsync(
        OnePlaceDb db, AuditWriter audit, StaffActor actor, Guid? personId, string attempted, CancellationToken cancellationToken)
    {
        if (MayStewardPersonIndex(actor))
        {
            return;
        }

        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, Reason,
            $"attempted={attempted}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Only data stewards may review links, merge or unmerge people.");
    }
}
