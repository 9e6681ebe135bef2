using OnePlace.Core.Store;

namespace OnePlace.Core.Privacy;

/// <summary>
/// One NHS number with a National Data Opt-out, from the latest list checked with NHS England's "Check for National
/// Data Opt-outs" service (docs/adr/0017). The list is kept apart from the person record, never as a flag on it, and is
/// replaced whole by each import: the operational policy allows a temporary cache of a check's result that is renewed
/// regularly, not a status held against the record (National Data Opt-out operational policy guidance, chapter 8).
/// </summary>
public sealed class NationalDataOptOut
{
    public required string NhsNumber { get; set; }
}

/// <summary>Each import of the opt-out list: when the list was checked with the service, and who imported it.</summary>
public sealed class NationalDataOptOutCheck
{
    public int Id { get; set; }

    /// <summary>The day the service was asked: the list says who had opted out on that day.</summary>
    public DateOnly CheckedOn { get; set; }

    public DateTime ImportedAtUtc { get; set; }
    public required string ImportedBy { get; set; }
    public required string FileName { get; set; }
    public int NhsNumbers { get; set; }
}

public static class OptOutAuditAction
{
    /// <summary>One row per import of the opt-out list: counts and the date checked, never an NHS number.</summary>
    public const string ListImported = "opt_outs.imported";
}

/// <summary>
/// The people whose data stays out of every use beyond their direct care: a person is left out when their own NHS
/// number, or the NHS number on any partner record joined to them, is on the opt-out list. Asking of the records too
/// means a person whose chosen NHS number differs from a partner's (a correction, a merge) is not let through by the
/// difference. Written as queries so that the store runs them, with no list of numbers passing through memory.
/// </summary>
public static class OptedOutPeople
{
    public static IQueryable<Guid> Of(OnePlaceDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var numbers = db.NationalDataOptOuts.Select(o => o.NhsNumber);
        var byRecord = db.SourceRecords.Where(r => r.PersonId != null && r.NhsNumber != null && numbers.Contains(r.NhsNumber))
            .Select(r => r.PersonId!.Value);
        return db.People.Where(p => (p.NhsNumber != null && numbers.Contains(p.NhsNumber)) || byRecord.Contains(p.Id)).Select(p => p.Id);
    }

    /// <summary>The partner records of the people left out: their events and conditions are left out with them.</summary>
    public static IQueryable<long> Records(OnePlaceDb db)
    {
        var people = Of(db);
        return db.SourceRecords.Where(r => r.PersonId != null && people.Contains(r.PersonId.Value)).Select(r => r.Id);
    }
}
