using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.Store;

namespace OnePlace.Core.Home;

/// <summary>
/// The borough at a glance, for the home page: how many people the partnership knows, how many records each
/// partner has sent and how many still await linkage to a person, how many events each partner has recorded,
/// and the localities with their populations. Counts only; no person is identified, so nothing is audited.
/// </summary>
public sealed record KeyCounts(
    int People,
    int LivingPeople,
    IReadOnlyList<PartnerCount> RecordsByPartner,
    int RecordsAwaitingLinkage,
    IReadOnlyList<PartnerCount> EventsByPartner,
    IReadOnlyList<LocalityCount> Localities,
    int GpPractices)
{
    public int Records => RecordsByPartner.Sum(p => p.Count);

    public int Events => EventsByPartner.Sum(p => p.Count);

    public static async Task<KeyCounts> CountAsync(OnePlaceDb db, CancellationToken cancellationToken = default)
    {
        // People merged into another by a data steward are not counted: they are the survivor now.
        var current = db.People.Where(p => p.MergedIntoId == null);
        var people = await current.CountAsync(cancellationToken);
        var living = await current.CountAsync(p => p.DateOfDeath == null, cancellationToken);

        var records = await db.SourceRecords
            .GroupBy(r => r.Partner)
            .Select(g => new { Partner = g.Key, Count = g.Count(), Unlinked = g.Count(r => r.PersonId == null) })
            .ToListAsync(cancellationToken);
        var events = await db.Events
            .GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var localities = await db.Localities.OrderBy(l => l.Name).ToListAsync(cancellationToken);
        var residents = await current
            .Where(p => p.LocalityCode != null && p.DateOfDeath == null)
            .GroupBy(p => p.LocalityCode!)
            .Select(g => new { Locality = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Locality, g => g.Count, cancellationToken);
        var practices = await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.GpPractice, cancellationToken);

        return new KeyCounts(
            people,
            living,
            [.. Partner.All.Select(p => new PartnerCount(p, records.Where(r => r.Partner == p).Sum(r => r.Count), records.Where(r => r.Partner == p).Sum(r => r.Unlinked)))],
            records.Sum(r => r.Unlinked),
            [.. Partner.All.Select(p => new PartnerCount(p, events.Where(e => e.Partner == p).Sum(e => e.Count)))],
            [.. localities.Select(l => new LocalityCount(l.Code, l.Name, residents.GetValueOrDefault(l.Code)))],
            practices);
    }
}

/// <summary>A count for one partner; <see cref="AwaitingLinkage"/> only for records.</summary>
public sealed record PartnerCount(string Partner, int Count, int AwaitingLinkage = 0);

/// <summary>A locality and the number of living people whose address lies in it.</summary>
public sealed record LocalityCount(string Code, string Name, int People);
