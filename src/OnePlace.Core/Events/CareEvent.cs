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

    /// <summary>
    /// What the event was, in the code system of its type (docs/data-formats.md): for an emergency admission the ICD-10
    /// primary diagnosis (e.g. S720), for an outpatient attendance the treatment function, for a GP contact its mode.
    /// </summary>
    public string? Code { get; set; }

    /// <summary>
    /// For an emergency admission for an injury, the ICD-10 external cause (chapter XX, V01–Y98; falls are W00–W19),
    /// without which falls injuries (PHOF C29) cannot be told from other injuries.
    /// </summary>
    public string? CauseCode { get; set; }

    public string? DischargeDestination { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public string? Status91Days { get; set; }
    public decimal? UnitCostGbp { get; set; }
    public long ImportedFileId { get; set; }
}
