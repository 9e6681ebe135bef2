namespace OnePlace.Core.People;

/// <summary>
/// One person of the borough, gathering the records every partner holds. The id is stable: it never changes
/// once issued, and it is the only identifier used in URLs (never the NHS number or the name).
/// Demographics are taken from the most authoritative linked record (the GP registration first).
/// A person merged into another by a data steward keeps their row, hidden, pointing at the survivor, so that the merge
/// can be undone exactly and an old link to them still leads somewhere (docs/adr/0005).
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public string? NhsNumber { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Postcode { get; set; }
    public string? SmallAreaCode { get; set; }
    public string? LocalityCode { get; set; }
    public string? EthnicCategory { get; set; }
    public string? GpPracticeCode { get; set; }
    public DateOnly? DateOfDeath { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The person this one was merged into; null for a person in their own right. Merged people are hidden
    /// from search and counts, and opening one leads to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }
}
