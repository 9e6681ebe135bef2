namespace OnePlace.Linkage;

/// <summary>
/// One record as a partner's system holds a person, handed to the linker as it came (raw text): the linker does
/// its own standardisation. Only <see cref="RecordId"/> and <see cref="Source"/> are required.
/// </summary>
/// <param name="RecordId">Unique across every record in one run.</param>
/// <param name="Source">The system the record came from (gp, hospital, council …).</param>
public sealed record LinkRecord(string RecordId, string Source)
{
    /// <summary>NHS number, or any other shared identifier (a typo-prone number is still compared digit by digit).</summary>
    public string? NhsNumber { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }

    /// <summary>Birth date as text: yyyy-mm-dd, yyyymmdd or dd/mm/yyyy.</summary>
    public string? DateOfBirth { get; init; }

    public string? Sex { get; init; }
    public string? Postcode { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

/// <summary>A data steward's decision on a pair of records, respected on every later run.</summary>
public sealed record PairDecision(string RecordIdA, string RecordIdB, bool IsMatch);

/// <summary>A progress report: the phase under way and how far through it the run is (0..1).</summary>
public sealed record LinkageProgress(string Phase, double Fraction);
