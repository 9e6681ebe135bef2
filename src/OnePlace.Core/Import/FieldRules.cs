using System.Globalization;
using System.Text.RegularExpressions;

namespace OnePlace.Core.Import;

/// <summary>Field-level rules shared by every extract file. Each returns null when the value is acceptable.</summary>
public static partial class FieldRules
{
    /// <summary>NHS Data Dictionary "ETHNIC CATEGORY" (2001 census categories).</summary>
    public static readonly IReadOnlySet<string> EthnicCategories =
        new HashSet<string> { "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z" };

    public static readonly IReadOnlySet<string> Sexes = new HashSet<string> { "M", "F", "U" };

    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    // The six UK postcode shapes (outward code + inward code), after removing spaces.
    [GeneratedRegex("^(?:[A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z])[0-9][A-Z]{2}$")]
    private static partial Regex PostcodeShape();

    [GeneratedRegex("^[A-Z][0-9]{5}$")]
    private static partial Regex PracticeCodeShape();

    // ICD-10 as Hospital Episode Statistics hold it: a letter, the two digits of the category, then the fourth character
    // (a digit, or X padding a three-character category, e.g. R55X) and, in the UK edition, sometimes a fifth (S0600).
    [GeneratedRegex("^[A-Z][0-9]{2}(?:X|[0-9]{1,2})?$")]
    private static partial Regex Icd10Shape();

    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Upper case with one space before the three-character inward code, or null if not a postcode shape.</summary>
    public static string? NormalisePostcode(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (!PostcodeShape().IsMatch(compact))
        {
            return null;
        }

        return string.Concat(compact.AsSpan(0, compact.Length - 3), " ", compact.AsSpan(compact.Length - 3));
    }

    public static bool IsPracticeCode(string value) => PracticeCodeShape().IsMatch(value);

    /// <summary>
    /// An ICD-10 code in the form without a dot (<c>S72.0</c> and <c>s720</c> become <c>S720</c>), or null if the value
    /// is not the shape of one: a letter, two digits, then optionally a digit or an X and a fifth digit.
    /// </summary>
    public static string? NormaliseIcd10Code(string value)
    {
        var code = value.Trim().ToUpperInvariant();
        if (code.Length > 4 && code[3] == '.')
        {
            code = code.Remove(3, 1);
        }

        return Icd10Shape().IsMatch(code) ? code : null;
    }

    /// <summary>ICD-10 chapter XX, external causes of morbidity and mortality (V01–Y98): how an injury happened, never what it is.</summary>
    public static bool IsIcd10ExternalCause(string code) => code.Length > 0 && code[0] is >= 'V' and <= 'Y';

    public static string? CheckBirthDate(string value, DateOnly today, out DateOnly? date)
    {
        date = null;
        if (!TryParseDate(value, out var parsed))
        {
            return $"date_of_birth '{value}' is not a date in yyyy-MM-dd form";
        }

        if (parsed > today)
        {
            return $"date_of_birth {value} is in the future";
        }

        if (parsed < EarliestBirth)
        {
            return $"date_of_birth {value} is before 1900-01-01";
        }

        date = parsed;
        return null;
    }

    public static bool TryParseAmount(string value, out decimal amount) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
}
