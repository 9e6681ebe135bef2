namespace OnePlace.Core.Events;

/// <summary>Something a partner did for or recorded about a person: a contact, an attendance, a stay, a package.</summary>
public sealed class CareEvent
{
    public long Id { get; set; }
    public required string Partner { get; set; }
    public required string LocalEventId { get; set; }
    public long SourceRecordId { get; set; }

    /// <summary>Copied from the source record so that a person's timeline is one indexed read.</summary>
    public Guid? PersonId { get; set; }

    public required string EventType { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Code { get; set; }
    public string? DischargeDestination { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public string? Status91Days { get; set; }
    public decimal? UnitCostGbp { get; set; }
    public long ImportedFileId { get; set; }
}
