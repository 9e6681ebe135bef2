namespace OnePlace.Core.People;

/// <summary>
/// A person as one partner's system holds them, exactly as imported, and why the record belongs to its person:
/// the same NHS number, or probabilistic linkage with the probability and the per-field weights of the link
/// (PRODUCT.md A2: an explanation of every link). A merge moves a record without rewriting its explanation, so
/// that an unmerge restores it as it was; the merge itself is kept in <c>person_merges</c>.
/// </summary>
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
    /// <summary>The extract file the record came in; null for a record made by the Single Point of Access from a referral.</summary>
    public long? ImportedFileId { get; set; }

    /// <summary>How the record joined its person: <see cref="LinkMethod.NhsNumber"/> or <see cref="LinkMethod.Linkage"/>; null while unlinked.</summary>
    public string? LinkMethod { get; set; }

    /// <summary>The match probability of the link, for records joined by linkage through another record.</summary>
    public double? LinkProbability { get; set; }

    /// <summary>The record of the same person this one was linked through (the strongest link in its cluster).</summary>
    public long? LinkedToRecordId { get; set; }

    /// <summary>JSON of the link's match weight and per-field contributions (PersonIndex.LinkExplanation).</summary>
    public string? LinkExplanation { get; set; }

    public DateTime? LinkedAtUtc { get; set; }
}

/// <summary>How a source record came to belong to its person.</summary>
public static class LinkMethod
{
    /// <summary>The record carries the person's valid NHS number (docs/adr/0003).</summary>
    public const string NhsNumber = "nhs_number";

    /// <summary>Probabilistic linkage (Fellegi-Sunter) joined it to the person's other records (docs/adr/0005).</summary>
    public const string Linkage = "linkage";

    /// <summary>A referral's details matched exactly one person by name, birth date and postcode (no NHS number given).</summary>
    public const string Demographics = "demographics";

    /// <summary>A referral with no safe match made a provisional person of its own, for a data steward to resolve.</summary>
    public const string Provisional = "provisional";
}
