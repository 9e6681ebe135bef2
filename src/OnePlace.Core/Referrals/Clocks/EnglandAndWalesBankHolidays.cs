using System.Globalization;
using System.Reflection;

namespace OnePlace.Core.Referrals.Clocks;

/// <summary>A proclaimed one-off change to the bank holidays of one year.</summary>
internal sealed record BankHolidayChange(DateOnly Date, bool Added, string Title);

/// <summary>
/// The bank holidays of England and Wales: the standing rules, plus the one-off changes listed in
/// <c>bank-holiday-changes-england-and-wales.csv</c> (source: GOV.UK "UK bank holidays").
/// </summary>
internal static class EnglandAndWalesBankHolidays
{
    internal const string ChangesResource = "OnePlace.Core.Referrals.Clocks.bank-holiday-changes-england-and-wales.csv";

    /// <summary>
    /// The dates the standing rules give for a year, in date order. Easter Monday, the last Mondays of May and
    /// August and Boxing Day are in the Banking and Financial Dealings Act 1971, Schedule 1; New Year's Day and
    /// the early May holiday (first Monday of May) are proclaimed each year; Good Friday and Christmas Day are
    /// common-law holidays. A holiday on a Saturday or Sunday is replaced by the next weekday that is not
    /// already a holiday ("substitute day", as GOV.UK lists them): so Christmas on a Saturday gives Monday 27
    /// and Tuesday 28 December, and Christmas on a Sunday gives Boxing Day on Monday 26 and Tuesday 27.
    /// </summary>
    internal static List<DateOnly> StandingRules(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        // Christmas Day and Boxing Day: those on weekdays keep their date; a weekend one takes the next weekday
        // not already taken, Christmas Day first.
        var christmas = new DateOnly(year, 12, 25);
        var boxingDay = new DateOnly(year, 12, 26);
        var december = new List<DateOnly>();
        if (!IsWeekend(christmas))
        {
            december.Add(christmas);
        }

        if (!IsWeekend(boxingDay))
        {
            december.Add(boxingDay);
        }

        foreach (var day in new[] { christmas, boxingDay })
        {
            if (!IsWeekend(day))
            {
                continue;
            }

            var substitute = NextWeekday(day);
            while (december.Contains(substitute))
            {
                substitute = NextWeekday(substitute.AddDays(1));
            }

            december.Add(substitute);
        }

        december.Sort();
        holidays.AddRange(december);
        return holidays;
    }

    /// <summary>
    /// Easter Sunday in the Gregorian calendar, by the anonymous Gregorian computus ("Meeus/Jones/Butcher";
    /// Meeus, Astronomical Algorithms, 1991, ch. 8).
    /// </summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The one-off changes shipped with the assembly. A malformed file fails loudly at first use.</summary>
    internal static IReadOnlyList<BankHolidayChange> LoadChanges()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ChangesResource)
            ?? throw new InvalidOperationException("The list of bank holiday changes is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return ParseChanges(reader);
    }

    /// <summary>Reads <c>date,change,title</c> lines; lines starting with <c>#</c> and the header are skipped.</summary>
    internal static IReadOnlyList<BankHolidayChange> ParseChanges(TextReader reader)
    {
        var changes = new List<BankHolidayChange>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("date,", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split(',', 3, StringSplitOptions.TrimEntries);
            if (fields.Length != 3
                || !DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || fields[1] is not ("add" or "remove"))
            {
                throw new InvalidOperationException(
                    $"Bank holiday changes, line {lineNumber}: expected 'yyyy-MM-dd,add|remove,title' but found '{line}'.");
            }

            changes.Add(new BankHolidayChange(date, fields[1] == "add", fields[2]));
        }

        return changes;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextWeekday(DateOnly date)
    {
        while (IsWeekend(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        return date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return date.AddDays(-(((int)date.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
