namespace OnePlace.Core.People;

/// <summary>A person as one partner's system holds them, exactly as imported.</summary>
public sealed class SourceRecord
{
    public long Id { get; set; }
    public required string Partner { get; set; }
    public required string LocalRecordId { get; set; }
    public Guid? PersonId { get; set; }
    public string? NhsNumber { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Postcode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? EthnicCategory { get; set; }
    public string? GpPracticeCode { get; set; }
    public long ImportedFileId { get; set; }
}
