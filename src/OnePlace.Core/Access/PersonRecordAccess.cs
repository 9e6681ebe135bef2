using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.Store;

namespace OnePlace.Core.Access;

/// <summary>
/// The one way in to person data (ARCHITECTURE.md, security baseline). Every search and every opening of a
/// person's record comes through here: the actor's permission is checked first (<see cref="PermissionMatrix"/>), then,
/// to open a record, a basis for this person (<see cref="LegitimateRelationships.BasesForAsync"/>: a legitimate
/// relationship, an SPA or team referral, data quality for a steward, or break-glass); the data is read, and the
/// audit row (who, when, which person, why, on what basis) is saved before anything is handed back, so nothing is
/// ever shown unaudited. A refusal is audited too, as <see cref="AccessAuditAction.ViewDenied"/>.
/// </summary>
public sealed class PersonRecordAccess(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <summary>Whether <paramref name="actor"/> may search for people and open records at all (with a basis).</summary>
    public static bool MayReadPersonRecords(StaffActor actor) =>
        actor.May(Permission.OpenPersonRecord) || actor.May(Permission.OpenPersonRecordForDataQuality);

    /// <summary>
    /// Opens a person's story for <paramref name="reason"/> (one of <see cref="AccessReason.All"/>). Returns null
    /// when no such person exists (nothing is audited: no person was touched). Sensitive events are withheld unless the
    /// actor's role allows them; the story names the bases on which it was opened.
    /// </summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not open records, or has no basis for this one (audited).</exception>
    public async Task<PersonStory?> OpenAsync(
        StaffActor actor,
        Guid personId,
        string reason,
        int? timelineLimit = PersonStory.DefaultTimelineLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessReason.IsKnown(reason))
        {
            throw new ArgumentException($"'{reason}' is not a reason for opening a record.", nameof(reason));
        }

        await RefuseUnlessPermittedAsync(actor, personId, reason, "open", MayReadPersonRecords(actor), cancellationToken);

        var bases = await LegitimateRelationships.BasesForAsync(db, actor, personId, reason, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (bases.Count == 0)
        {
            if (!await db.People.AsNoTracking().AnyAsync(p => p.Id == personId, cancellationToken))
            {
                return null;
            }

            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, reason, "attempted=open; basis=none");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException(
                "You have no legitimate relationship with this person.", PersonAccessRefusal.NoRelationship, actor.May(Permission.BreakGlass));
        }

        bool sensitive = actor.May(Permission.ViewSensitiveCategories) && bases.Any(b => b.Kind != AccessBasisKind.DataQuality);
        var story = await PersonStory.LoadAsync(db, personId, timelineLimit, sensitive, cancellationToken);
        if (story is null)
        {
            return null;
        }

        audit.Add(actor.AuditName, AuditAction.ViewPerson, personId, reason,
            string.Create(CultureInfo.InvariantCulture,
                $"records={story.Records.Count}; events_shown={story.Timeline.Count} of {story.TimelineTotal}; withheld={story.Withheld}; basis={string.Join(',', bases.Select(b => b.AuditText))}"));
        await db.SaveChangesAsync(cancellationToken);
        return story with { Bases = bases };
    }

    /// <summary>
    /// The person a data steward merged <paramref name="personId"/> into, following later merges to the end; null when
    /// the person was not merged or does not exist. Only ids are read (no person data), so nothing is audited here;
    /// opening the survivor is checked and audited as usual.
    /// </summary>
    public async Task<Guid?> SurvivorOfAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        Guid? survivor = null;
        var seen = new HashSet<Guid> { personId };
        var id = personId;
        while (await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.MergedIntoId).SingleOrDefaultAsync(cancellationToken) is { } next
               && seen.Add(next))
        {
            survivor = id = next;
        }

        return survivor;
    }

    /// <summary>
    /// Searches the person index. Writes one audit row naming the fields used and the number of matches (never the
    /// values searched for), and one row per person shown in the results, since their name, birth date and NHS
    /// number were seen (ARCHITECTURE.md: one audit row per person touched, in the same transaction).
    /// </summary>
    /// <exception cref="PersonAccessDeniedException">The actor's roles do not allow searching (audited).</exception>
    public async Task<PersonSearchResult> SearchAsync(
        StaffActor actor,
        PersonSearchQuery query,
        string reason,
        CancellationToken cancellationToken = default)
    {
        if (!AccessReason.IsKnown(reason))
        {
            throw new ArgumentException($"'{reason}' is not a reason for searching.", nameof(reason));
        }

        ArgumentNullException.ThrowIfNull(actor);
        await RefuseUnlessPermittedAsync(actor, null, reason, "search", actor.May(Permission.SearchPeople), cancellationToken);

        var result = await PersonSearch.RunAsync(db, query, cancellationToken);
        audit.Add(actor.AuditName, AuditAction.SearchPeople, null, reason,
            string.Create(CultureInfo.InvariantCulture,
                $"fields={string.Join(',', query.FieldsUsed)}; matches={result.TotalMatches}; shown={result.People.Count}"));
        foreach (var hit in result.People)
        {
            audit.Add(actor.AuditName, AuditAction.ListPerson, hit.Id, reason, "shown in search results");
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private async Task RefuseUnlessPermittedAsync(StaffActor actor, Guid? personId, string reason, string attempted, bool permitted, CancellationToken cancellationToken)
    {
        if (permitted)
        {
            return;
        }

        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, reason,
            $"attempted={attempted}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Your role does not allow you to open people's records.", PersonAccessRefusal.NoPermission, mayBreakGlass: false);
    }
}
