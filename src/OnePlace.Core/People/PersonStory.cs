using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Events;
using OnePlace.Core.Organisations;
using OnePlace.Core.Store;

namespace OnePlace.Core.People;

/// <summary>
/// One person's whole story across the partnership (PRODUCT.md A3): who they are, the record each partner holds
/// about them, and everything that happened, newest first, each fact labelled with the partner it came from.
/// Loaded only through <see cref="Access.PersonRecordAccess"/>, which checks and audits the read.
/// </summary>
public sealed record PersonStory(
    PersonDetails Person,
    IReadOnlyList<LinkedRecord> Records,
    IReadOnlyList<TimelineEntry> Timeline,
    int TimelineTotal)
{
    /// <summary>How many events are shown before the reader asks for all of them.</summary>
    public const int DefaultTimelineLength = 50;

    public bool TimelineTruncated => TimelineTotal > Timeline.Count;

    /// <summary>How many events were withheld because they fall in sensitive categories the reader may not see
    /// (<see cref="SensitiveCategories"/>); they are not counted in <see cref="TimelineTotal"/>.</summary>
    public int Withheld { get; init; }

    /// <summary>Why the reader may see this record (set by <see cref="Access.PersonRecordAccess"/>).</summary>
    public IReadOnlyList<Access.AccessBasis> Bases { get; init; } = [];

    /// <summary>Partners in import order, each with the records it holds for this person (possibly none).</summary>
    public IEnumerable<(string Partner, IReadOnlyList<LinkedRecord> Records)> RecordsByPartner =>
        Partner.All.Select(p => (p, (IReadOnlyList<LinkedRecord>)Records.Where(r => r.Partner == p).ToList()));

    internal static async Task<PersonStory?> LoadAsync(OnePlaceDb db, Guid personId, int? timelineLimit, bool includeSensitive, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || person.MergedIntoId is not null)
        {
            // A merged person has no story of their own: their records are the survivor's (PersonRecordAccess.SurvivorOfAsync).
            return null;
        }

        var area = person.SmallAreaCode is null
            ? null
            : await db.SmallAreas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == person.SmallAreaCode, cancellationToken);
        var localityCode = person.LocalityCode ?? area?.LocalityCode;
        var locality = localityCode is null
            ? null
            : await db.Localities.AsNoTracking().SingleOrDefaultAsync(l => l.Code == localityCode, cancellationToken);
        var practice = person.GpPracticeCode is null
            ? null
            : await db.Organisations.AsNoTracking()
                .SingleOrDefaultAsync(o => o.Code == person.GpPracticeCode && o.Kind == OrganisationKind.GpPractice, cancellationToken);

        var details = new PersonDetails(
            person.Id, person.NhsNumber, person.GivenName, person.FamilyName, person.DateOfBirth, person.Sex,
            person.Postcode, person.SmallAreaCode, area?.Name, area?.ImdDecile, localityCode, locality?.Name,
            person.GpPracticeCode, practice?.Name, person.EthnicCategory, person.DateOfDeath);

        var rows = await db.SourceRecords.AsNoTracking()
            .Where(r => r.PersonId == personId)
            .OrderBy(r => r.Partner).ThenBy(r => r.LocalRecordId)
            .Select(r => new
            {
                Record = new LinkedRecord(r.Id, r.Partner, r.LocalRecordId, r.NhsNumber, r.GivenName, r.FamilyName,
                    r.DateOfBirth, r.Sex, r.Postcode, r.GpPracticeCode),
                r.LinkMethod,
                r.LinkProbability,
                r.LinkedToRecordId,
                r.LinkExplanation,
                r.LinkedAtUtc,
            })
            .ToListAsync(cancellationToken);
        var recordIds = rows.ToDictionary(r => r.Record.Id, r => r.Record.LocalRecordId);

        // Why each record is here (PRODUCT.md A2): its own link, and the merge that brought it, if one did.
        var throughIds = rows.Where(r => r.LinkedToRecordId is not null).Select(r => r.LinkedToRecordId!.Value).Distinct().ToList();
        var through = await db.SourceRecords.AsNoTracking()
            .Where(r => throughIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Partner, r.LocalRecordId })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var ids = recordIds.Keys.ToList();
        var merges = (await db.PersonMergeRecords.AsNoTracking()
                .Where(m => ids.Contains(m.SourceRecordId))
                .Join(db.PersonMerges.Where(m => m.UndoneAtUtc == null && m.SurvivorId == personId), r => r.MergeId, m => m.Id,
                    (r, m) => new { r.SourceRecordId, m.Id, m.MergedAtUtc, m.Actor, m.Reason })
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.SourceRecordId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.MergedAtUtc).First());
        var records = rows.Select(r => r.Record with
        {
            Link = new RecordLink(
                r.LinkMethod,
                r.LinkProbability,
                r.LinkedToRecordId is { } to && through.TryGetValue(to, out var t) ? new RecordReference(t.Id, t.Partner, t.LocalRecordId) : null,
                PersonIndex.LinkExplanation.Parse(r.LinkExplanation),
                r.LinkedAtUtc,
                merges.TryGetValue(r.Record.Id, out var m) ? new MergeNote(m.Id, m.MergedAtUtc, m.Actor, m.Reason) : null),
        }).ToList();

        var events = db.Events.AsNoTracking().Where(e => e.PersonId == personId);
        var withheld = new List<long>();
        if (!includeSensitive)
        {
            // Judged here rather than in SQL: a person's events are few, and the code lists are kept in one place.
            var coded = await events.Where(e => e.Code != null || e.CauseCode != null)
                .Select(e => new { e.Id, e.EventType, e.Code, e.CauseCode }).ToListAsync(cancellationToken);
            withheld = [.. coded.Where(e => SensitiveCategories.Of(e.EventType, e.Code, e.CauseCode) is not null).Select(e => e.Id)];
            if (withheld.Count > 0)
            {
                events = events.Where(e => !withheld.Contains(e.Id));
            }
        }

        var total = await events.CountAsync(cancellationToken);
        var newestFirst = events.OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Id);
        var limited = timelineLimit is { } limit ? newestFirst.Take(limit) : newestFirst;
        var timeline = (await limited.ToListAsync(cancellationToken))
            .Select(e => new TimelineEntry(
                e.Id, e.Partner, e.EventType, e.StartDate, e.EndDate, e.Code, e.DischargeDestination,
                e.HoursPerWeek, e.Status91Days, e.UnitCostGbp, recordIds.GetValueOrDefault(e.SourceRecordId)))
            .ToList();

        return new PersonStory(details, records, timeline, total) { Withheld = withheld.Count };
    }
}

/// <summary>The person's own details, taken from their most authoritative record, with where they live.</summary>
public sealed record PersonDetails(
    Guid Id,
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    string? SmallAreaCode,
    string? SmallAreaName,
    int? ImdDecile,
    string? LocalityCode,
    string? LocalityName,
    string? GpPracticeCode,
    string? GpPracticeName,
    string? EthnicCategory,
    DateOnly? DateOfDeath)
{
    /// <summary>Age in whole years on <paramref name="today"/>, or at death.</summary>
    public int? AgeOn(DateOnly today)
    {
        if (DateOfBirth is not { } born)
        {
            return null;
        }

        var on = DateOfDeath is { } died && died < today ? died : today;
        var age = on.Year - born.Year;
        if (on < born.AddYears(age))
        {
            age--;
        }

        return age;
    }

    /// <summary>The NHS number written 3-3-4, as NHS services display it (NHS digital service manual).</summary>
    public string? NhsNumberFormatted => FormatNhsNumber(NhsNumber);

    public static string? FormatNhsNumber(string? nhsNumber) =>
        nhsNumber is { Length: 10 } n ? $"{n[..3]} {n[3..6]} {n[6..]}" : nhsNumber;
}

/// <summary>A partner's record of the person, as that partner holds it.</summary>
public sealed record LinkedRecord(
    long Id,
    string Partner,
    string LocalRecordId,
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    string? GpPracticeCode)
{
    /// <summary>Why the record belongs to this person.</summary>
    public RecordLink Link { get; init; } = RecordLink.None;
}

/// <summary>
/// Why a record belongs to its person: the same NHS number, or probabilistic linkage (the probability, the record it
/// linked through and each field's weight), and the data steward's merge that brought it here, if one did.
/// </summary>
public sealed record RecordLink(
    string? Method,
    double? Probability,
    RecordReference? LinkedTo,
    PersonIndex.LinkExplanation? Explanation,
    DateTime? LinkedAtUtc,
    MergeNote? Merge)
{
    public static readonly RecordLink None = new(null, null, null, null, null, null);

    public bool IsNhsNumber => Method == LinkMethod.NhsNumber;

    public bool IsLinkage => Method == LinkMethod.Linkage;
}

/// <summary>Another record, named as its partner knows it.</summary>
public sealed record RecordReference(long Id, string Partner, string LocalRecordId);

/// <summary>The merge that moved a record to this person: when, by whom and why.</summary>
public sealed record MergeNote(long MergeId, DateTime MergedAtUtc, string Actor, string Reason);

/// <summary>One event of the person's timeline and the partner record it came from.</summary>
public sealed record TimelineEntry(
    long Id,
    string Partner,
    string EventType,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? Code,
    string? DischargeDestination,
    decimal? HoursPerWeek,
    string? Status91Days,
    decimal? UnitCostGbp,
    string? LocalRecordId)
{
    /// <summary>Nights in hospital for an admission (discharge date minus admission date), otherwise null.</summary>
    public int? LengthOfStayDays =>
        EventType is "emergency_admission" or "elective_admission" && EndDate is { } end
            ? end.DayNumber - StartDate.DayNumber
            : null;

    public bool IsAdmission => EventType is "emergency_admission" or "elective_admission";

    /// <summary>True for events that run over a period (a package, a placement, an episode) rather than a single day.</summary>
    public bool HasPeriod => EventCatalogue.Find(Partner, EventType) is { } rule &&
        (rule.EndDateRequired || EventType is "home_care_package" or "residential_placement" or "nursing_placement");
}
