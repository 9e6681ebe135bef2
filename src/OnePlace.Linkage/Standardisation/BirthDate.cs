using System.Globalization;

namespace OnePlace.Linkage.Standardisation;

/// <summary>Birth dates as partners write them, parsed and checked for plausibility.</summary>
public static class BirthDate
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy", "d/M/yyyy", "yyyy/MM/dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    /// <summary>
    /// The date, or null when it is not a real calendar date, lies in the future, or is a known placeholder
    /// (1900-01-01 and 1800-01-01 are what systems store for "unknown"; treating them as a birth date would
    /// link strangers).
    /// </summary>
    public static DateOnly? Parse(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        if (date > today || date == new DateOnly(1900, 1, 1) || date == new DateOnly(1800, 1, 1))
        {
            return null;
        }

        return date;
    }
}
