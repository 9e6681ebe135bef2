using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.People;

/// <summary>
/// What a member of staff searches by: any of an NHS number, a name (given and/or family, each word a prefix of the
/// person's names or of the names any partner holds for them),
/// a date of birth and a postcode (full, or just its outward part such as <c>WS1</c>). All given fields must match.
/// </summary>
public sealed record PersonSearchQuery(string? NhsNumber = null, string? Name = null, DateOnly? DateOfBirth = null, string? Postcode = null)
{
    /// <summary>Which fields were used, by name only: this is what the audit log may record (never the values).</summary>
    public IReadOnlyList<string> FieldsUsed =>
    [
        .. !string.IsNullOrWhiteSpace(NhsNumber) ? ["nhs_number"] : Array.Empty<string>(),
        .. !string.IsNullOrWhiteSpace(Name) ? ["name"] : Array.Empty<string>(),
        .. DateOfBirth is not null ? ["date_of_birth"] : Array.Empty<string>(),
        .. !string.IsNullOrWhiteSpace(Postcode) ? ["postcode"] : Array.Empty<string>(),
    ];

    public bool IsEmpty => FieldsUsed.Count == 0;
}

/// <summary>One person found by a search, with just enough to tell people apart.</summary>
public sealed record PersonSearchHit(
    Guid Id,
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    DateOnly? DateOfDeath);

/// <summary>The people found, at most <see cref="PersonSearch.MaxResults"/>, and how many matched in all.</summary>
public sealed record PersonSearchResult(IReadOnlyList<PersonSearchHit> People, int TotalMatches)
{
    public bool Truncated => TotalMatches > People.Count;
}

/// <summary>
/// Finds people in the master person index. Runs only through <see cref="Access.PersonRecordAccess"/>, which
/// checks the searcher's role and writes the audit row.
/// </summary>
public static class PersonSearch
{
    /// <summary>A search is for finding one person, not for listing a population: more than this asks for more detail.</summary>
    public const int MaxResults = 50;

    internal static async Task<PersonSearchResult> RunAsync(OnePlaceDb db, PersonSearchQuery query, CancellationToken cancellationToken)
    {
        if (query.IsEmpty)
        {
            return new PersonSearchResult([], 0);
        }

        // People merged into another are hidden: their records, and so their names and numbers, are the survivor's now.
        IQueryable<Person> people = db.People.AsNoTracking().Where(p => p.MergedIntoId == null);

        if (!string.IsNullOrWhiteSpace(query.NhsNumber))
        {
            // The person's own number, or one any of their records carries (a merged person's number stays on its records).
            var nhs = NhsNumber.Clean(query.NhsNumber);
            people = people.Where(p => p.NhsNumber == nhs || db.SourceRecords.Any(r => r.PersonId == p.Id && r.NhsNumber == nhs));
        }

        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            // Each word must begin the given or the family name, ignoring case: "jo smi" finds John Smith. The names
            // every partner holds count too, so that a misspelling in one record does not hide the person.
            // ToUpper on both sides because LIKE ignores case in SQLite but not in PostgreSQL.
            foreach (var word in NameWords(query.Name))
            {
#pragma warning disable CA1862 // The StringComparison overloads do not translate to SQL; ToUpper does, on both providers.
                people = people.Where(p =>
                    (p.GivenName != null && p.GivenName.ToUpper().StartsWith(word)) ||
                    (p.FamilyName != null && p.FamilyName.ToUpper().StartsWith(word)) ||
                    db.SourceRecords.Any(r => r.PersonId == p.Id &&
                        ((r.GivenName != null && r.GivenName.ToUpper().StartsWith(word)) ||
                         (r.FamilyName != null && r.FamilyName.ToUpper().StartsWith(word)))));
#pragma warning restore CA1862
            }
        }

        if (query.DateOfBirth is { } dob)
        {
            people = people.Where(p => p.DateOfBirth == dob);
        }

        if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            var (postcode, isOutwardOnly) = NormalisePostcode(query.Postcode);
            people = isOutwardOnly
                ? people.Where(p => p.Postcode != null && p.Postcode.StartsWith(postcode + " "))
                : people.Where(p => p.Postcode == postcode);
        }

        var total = await people.CountAsync(cancellationToken);
        var hits = await people
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.DateOfBirth).ThenBy(p => p.Id)
            .Take(MaxResults)
            .Select(p => new PersonSearchHit(p.Id, p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Postcode, p.DateOfDeath))
            .ToListAsync(cancellationToken);

        return new PersonSearchResult(hits, total);
    }

    internal static IEnumerable<string> NameWords(string name) =>
        name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToUpperInvariant())
            .Distinct();

    /// <summary>
    /// Upper case with one space before the inward code (<c>ws12ab</c> → <c>WS1 2AB</c>), as the store holds them;
    /// two to four characters are taken as an outward code alone (<c>WS1</c>).
    /// </summary>
    public static (string Postcode, bool IsOutwardOnly) NormalisePostcode(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return compact.Length >= 5
            ? (compact[..^3] + " " + compact[^3..], false)
            : (compact, true);
    }
}
