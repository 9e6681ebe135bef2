using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Comparison;

/// <summary>
/// The comparison of two records, field by field, into ordered levels (the γ vector of Fellegi and Sunter 1969):
/// for each field the first level whose condition holds wins, as in Splink's comparison levels. Level 0 of every
/// field means one side is missing: no evidence either way (weight 0). Levels are packed three bits a field.
/// </summary>
internal static class Comparisons
{
    public const int Missing = 0;
    public const int BitsPerField = 3;

    public const int NhsNumber = 0, GivenName = 1, FamilyName = 2, DateOfBirth = 3, Sex = 4, Postcode = 5, Address = 6, Phone = 7, Email = 8;

    public static readonly string[] Fields = ["nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "phone", "email"];

    /// <summary>The level names of each field in order; index 0 is "missing" and the last is the catch-all.</summary>
    public static readonly string[][] Levels =
    [
        ["missing", "exact", "one character different", "different"],
        ["missing", "exact", "nickname", "Jaro-Winkler ≥ 0.92", "Jaro-Winkler ≥ 0.80", "initial only", "swapped with family name", "different"],
        ["missing", "exact", "Jaro-Winkler ≥ 0.92", "Jaro-Winkler ≥ 0.80", "one part in common", "swapped with given name", "different"],
        ["missing", "exact", "day and month transposed", "one digit different", "same month and year", "within a year", "different"],
        ["missing", "same", "different"],
        ["missing", "exact", "same sector", "same district", "same area", "different"],
        ["missing", "exact", "most words in common", "different"],
        ["missing", "exact", "different"],
        ["missing", "exact", "different"],
    ];

    public static int FieldCount => Fields.Length;

    public static int LevelOf(int pattern, int field) => (pattern >> (field * BitsPerField)) & 0b111;

    /// <summary>The level of the "exact" agreement of a field: term-frequency adjustment applies there.</summary>
    public const int Exact = 1;

    public static int Compare(StandardRecord a, StandardRecord b)
    {
        int p = CompareIdentifier(a, b);
        p |= CompareGiven(a, b) << (GivenName * BitsPerField);
        p |= CompareFamily(a, b) << (FamilyName * BitsPerField);
        p |= CompareBirthDate(a, b) << (DateOfBirth * BitsPerField);
        p |= (a.Sex == '\0' || b.Sex == '\0' ? 0 : a.Sex == b.Sex ? 1 : 2) << (Sex * BitsPerField);
        p |= ComparePostcode(a, b) << (Postcode * BitsPerField);
        p |= CompareAddress(a, b) << (Address * BitsPerField);
        p |= Exactly(a.Phone, b.Phone) << (Phone * BitsPerField);
        p |= Exactly(a.Email, b.Email) << (Email * BitsPerField);
        return p;
    }

    private static int Exactly(string? a, string? b) => a is null || b is null ? 0 : string.Equals(a, b, StringComparison.Ordinal) ? 1 : 2;

    /// <summary>
    /// NHS numbers: equal; one character apart (a keying error) unless both pass the Modulus 11 check, since two valid
    /// numbers are two issued numbers, i.e. two different people or a superseded record; otherwise different.
    /// </summary>
    private static int CompareIdentifier(StandardRecord a, StandardRecord b)
    {
        if (a.Identifier is null || b.Identifier is null)
        {
            return 0;
        }

        if (string.Equals(a.Identifier, b.Identifier, StringComparison.Ordinal))
        {
            return 1;
        }

        if (!(a.NhsNumberValid && b.NhsNumberValid) && Similarity.DamerauLevenshtein(a.Identifier, b.Identifier, 1) <= 1)
        {
            return 2;
        }

        return 3;
    }

    private static int CompareGiven(StandardRecord a, StandardRecord b)
    {
        string? x = a.GivenFirst, y = b.GivenFirst;
        if (x is null || y is null)
        {
            return 0;
        }

        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return 1;
        }

        if (Nicknames.ShareGroup(a.GivenGroups, b.GivenGroups))
        {
            return 2;
        }

        double jw = Similarity.JaroWinkler(x, y);
        if (jw >= 0.92)
        {
            return 3;
        }

        if (jw >= 0.80)
        {
            return 4;
        }

        if ((x.Length == 1 || y.Length == 1) && x[0] == y[0])
        {
            return 5;
        }

        if (a.FamilyCompact is { } af && b.FamilyCompact is { } bf
            && string.Equals(x, bf, StringComparison.Ordinal) && string.Equals(y, af, StringComparison.Ordinal))
        {
            return 6;
        }

        return 7;
    }

    private static int CompareFamily(StandardRecord a, StandardRecord b)
    {
        string? x = a.FamilyCompact, y = b.FamilyCompact;
        if (x is null || y is null)
        {
            return 0;
        }

        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return 1;
        }

        double jw = Similarity.JaroWinkler(x, y);
        if (jw >= 0.92)
        {
            return 2;
        }

        if (jw >= 0.80)
        {
            return 3;
        }

        if (SharePart(a.Family!, b.Family!))
        {
            return 4;
        }

        if (a.GivenFirst is { } ag && b.GivenFirst is { } bg
            && string.Equals(x, bg, StringComparison.Ordinal) && string.Equals(y, ag, StringComparison.Ordinal))
        {
            return 5;
        }

        return 6;
    }

    /// <summary>Double-barrelled and hyphenated names: one part in common (Smith-Jones and Jones).</summary>
    private static bool SharePart(string a, string b)
    {
        if (a.IndexOf(' ', StringComparison.Ordinal) < 0 && b.IndexOf(' ', StringComparison.Ordinal) < 0)
        {
            return false;
        }

        foreach (var part in a.Split(' '))
        {
            if (part.Length > 1 && b.Split(' ').Contains(part, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareBirthDate(StandardRecord a, StandardRecord b)
    {
        if (a.DateOfBirth is not { } x || b.DateOfBirth is not { } y)
        {
            return 0;
        }

        if (x == y)
        {
            return 1;
        }

        if (x.Year == y.Year && x.Day == y.Month && x.Month == y.Day)
        {
            return 2;
        }

        if (OneKeyingError(a.DateOfBirthDigits!, b.DateOfBirthDigits!))
        {
            return 3;
        }

        if (x.Year == y.Year && x.Month == y.Month)
        {
            return 4;
        }

        return Math.Abs(x.DayNumber - y.DayNumber) <= 366 ? 5 : 6;
    }

    /// <summary>
    /// Damerau-Levenshtein distance 1 between two yyyymmdd strings: of equal length, that is one digit changed or two
    /// neighbours swapped.
    /// </summary>
    private static bool OneKeyingError(string a, string b)
    {
        int first = -1, count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                if (++count > 2)
                {
                    return false;
                }

                first = first < 0 ? i : first;
            }
        }

        return count == 1 || (count == 2 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first]);
    }

    private static int ComparePostcode(StandardRecord a, StandardRecord b)
    {
        if (a.Postcode is not { } x || b.Postcode is not { } y)
        {
            return 0;
        }

        if (string.Equals(x.Full, y.Full, StringComparison.Ordinal))
        {
            return 1;
        }

        if (x.Sector is not null && string.Equals(x.Sector, y.Sector, StringComparison.Ordinal))
        {
            return 2;
        }

        if (x.District is not null && string.Equals(x.District, y.District, StringComparison.Ordinal))
        {
            return 3;
        }

        if (x.Area is not null && string.Equals(x.Area, y.Area, StringComparison.Ordinal))
        {
            return 4;
        }

        return 5;
    }

    private static int CompareAddress(StandardRecord a, StandardRecord b)
    {
        if (a.Address is null || b.Address is null)
        {
            return 0;
        }

        if (string.Equals(a.Address, b.Address, StringComparison.Ordinal))
        {
            return 1;
        }

        return Similarity.WordJaccard(a.AddressWords, b.AddressWords) >= 0.5 ? 2 : 3;
    }
}
