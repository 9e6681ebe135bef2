using System.Globalization;

namespace OnePlace.Analytics.Indicators;

/// <summary>Whether a period is a month of a trend or the twelve months the framework reports on.</summary>
public enum PeriodKind
{
    Month,
    Year,
}

/// <summary>
/// A period the framework is calculated for, with the census date its population is counted on: the middle day, as
/// the mid-year population estimates that published rates divide by are counted at the middle of the year.
/// </summary>
public sealed record FrameworkPeriod(int Id, PeriodKind Kind, DateOnly Start, DateOnly End)
{
    public DateOnly Census => Start.AddDays((End.DayNumber - Start.DayNumber) / 2);

    public string Label => Kind == PeriodKind.Month
        ? Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)
        : $"{Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)} to {End.ToString("MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The periods for data reaching <paramref name="reach"/>: the last <paramref name="months"/> whole calendar months
    /// (the trend that SPC charts need; Making Data Count asks for at least 15 points) and the twelve of them that end
    /// last (the reporting year that values, breakdowns and inequalities are given for).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 12 months.</exception>
    public static IReadOnlyList<FrameworkPeriod> For(DateOnly reach, int months = 24)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 12);
        // A month counts when the data reach its last day.
        var lastMonth = new DateOnly(reach.Year, reach.Month, 1);
        if (reach != lastMonth.AddMonths(1).AddDays(-1))
        {
            lastMonth = lastMonth.AddMonths(-1);
        }

        var periods = new List<FrameworkPeriod>();
        var first = lastMonth.AddMonths(1 - months);
        for (int i = 0; i < months; i++)
        {
            var start = first.AddMonths(i);
            periods.Add(new FrameworkPeriod(i + 1, PeriodKind.Month, start, start.AddMonths(1).AddDays(-1)));
        }

        periods.Add(new FrameworkPeriod(months + 1, PeriodKind.Year, lastMonth.AddMonths(-11), lastMonth.AddMonths(1).AddDays(-1)));
        return periods;
    }
}
