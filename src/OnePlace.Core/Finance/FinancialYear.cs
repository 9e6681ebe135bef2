using System.Globalization;

namespace OnePlace.Core.Finance;

/// <summary>The UK public-sector financial year, April to March, named by the calendar year it starts in.</summary>
public static class FinancialYear
{
    public const int Months = 12;

    /// <summary>"2019/20" for 2019.</summary>
    public static string Label(int year) => string.Create(CultureInfo.InvariantCulture, $"{year}/{(year + 1) % 100:00}");

    /// <summary>The financial year a month falls in.</summary>
    public static int Of(DateOnly month) => month.Month >= 4 ? month.Year : month.Year - 1;

    /// <summary>1 for April … 12 for March.</summary>
    public static int MonthIndex(DateOnly month) => (month.Month + 8) % 12 + 1;

    /// <summary>The first day of month <paramref name="index"/> (1 = April) of <paramref name="year"/>.</summary>
    public static DateOnly MonthOf(int year, int index) => new DateOnly(year, 4, 1).AddMonths(index - 1);

    /// <summary>Relative weights of an even profile.</summary>
    public static IReadOnlyList<decimal> EvenProfile { get; } = [.. Enumerable.Repeat(1m, Months)];

    /// <summary>Reads a stored profile (twelve weights separated by spaces); none or blank is even.</summary>
    public static IReadOnlyList<decimal> ParseProfile(string? profile)
    {
        if (string.IsNullOrWhiteSpace(profile))
        {
            return EvenProfile;
        }

        var weights = profile.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => decimal.Parse(w, NumberStyles.Number, CultureInfo.InvariantCulture)).ToList();
        return weights.Count == Months ? weights : throw new FormatException($"A budget profile has {Months} weights, not {weights.Count}.");
    }

    public static string FormatProfile(IReadOnlyList<decimal> weights) =>
        string.Join(' ', weights.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}
