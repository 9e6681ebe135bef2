namespace OnePlace.Core.Conditions;

/// <summary>A coded condition or frailty deficit on a person's GP record.</summary>
public sealed class Condition
{
    public long Id { get; set; }
    public long SourceRecordId { get; set; }
    public Guid? PersonId { get; set; }
    public required string Code { get; set; }
    public DateOnly RecordedDate { get; set; }
    public long ImportedFileId { get; set; }
}
