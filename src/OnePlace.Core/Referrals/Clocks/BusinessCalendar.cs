using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OnePlace.Core.Referrals.Clocks;

/// <summary>
/// Which days are working days, and how much of a stretch of time a clock counts. A working day is a Monday to
/// Friday that is not a bank holiday, and counts from 00:00 to 24:00 UK local time.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly ILookup<int, BankHolidayChange> _changesByYear;
    private readonly ConcurrentDictionary<int, ImmutableArray<DateOnly>> _holidaysByYear = new();
    private readonly ConcurrentDictionary<int, YearOfDays> _daysByYear = new();

    internal BusinessCalendar(TimeZoneInfo timeZone, IEnumerable<BankHolidayChange> changes)
    {
        TimeZone = timeZone;
        _changesByYear = changes.ToLookup(change => change.Date.Year);
        foreach (var year in _changesByYear)
        {
            // A removal that names no date of the standing rules is a mistake in the data, not a change.
            var rules = EnglandAndWalesBankHolidays.StandingRules(year.Key);
            var wrong = year.FirstOrDefault(change => !change.Added && !rules.Contains(change.Date));
            if (wrong is not null)
            {
                throw new InvalidOperationException(
                    $"Bank holiday change removes {wrong.Date:yyyy-MM-dd}, which the standing rules do not give.");
            }
        }
    }

    /// <summary>The bank holidays of England and Wales (GOV.UK "UK bank holidays"), in UK local time.</summary>
    public static BusinessCalendar EnglandAndWales { get; } =
        new(LondonTime.Zone, EnglandAndWalesBankHolidays.LoadChanges());

    /// <summary>Europe/London: the time zone whose midnights begin and end a working day.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Monday to Friday and not a bank holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => Days(date.Year).IsWorkingDay[date.DayOfYear - 1];

    public bool IsBankHoliday(DateOnly date) => Holidays(date.Year).Contains(date);

    /// <summary>The year's bank holidays in date order, substitute days included.</summary>
    public IReadOnlyList<DateOnly> BankHolidaysIn(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);
        return Holidays(year);
    }

    /// <summary>
    /// Seconds of counted time between two instants: every second for a 24/7 clock; for a working-days clock, the
    /// seconds that fall on working days in UK local time. A local day lasts 23 or 25 hours when the clocks
    /// change, but that is always a Sunday, so every working day counts 24 hours. <paramref name="toUtc"/> before
    /// <paramref name="fromUtc"/> gives 0.
    /// </summary>
    public double CountedSeconds(DateTime fromUtc, DateTime toUtc, bool workingDaysOnly) =>
        ClockTime.ToSeconds(CountedTicks(ClockTime.AsUtc(fromUtc), ClockTime.AsUtc(toUtc), workingDaysOnly));

    /// <summary>
    /// The earliest instant at which <paramref name="seconds"/> of counted time have passed after
    /// <paramref name="fromUtc"/>: the inverse of <see cref="CountedSeconds"/>, to the nearest 100 ns tick.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative or not a number.</exception>
    public DateTime AddCounted(DateTime fromUtc, double seconds, bool workingDaysOnly)
    {
        if (!(seconds >= 0) || double.IsInfinity(seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Counted time to add must be zero or more seconds.");
        }

        return AddCountedTicks(ClockTime.AsUtc(fromUtc), ClockTime.ToTicks(seconds), workingDaysOnly);
    }

    /// <summary><see cref="CountedSeconds"/> in whole ticks, on UTC instants; exact.</summary>
    internal long CountedTicks(DateTime fromUtc, DateTime toUtc, bool workingDaysOnly)
    {
        if (toUtc <= fromUtc)
        {
            return 0;
        }

        if (!workingDaysOnly)
        {
            return toUtc.Ticks - fromUtc.Ticks;
        }

        // Whole local days, one step each: a routine clock spans a few weeks, so this is tens of steps.
        long total = 0;
        var day = LocalDate(fromUtc);
        var dayStart = StartOfDayUtc(day);
        while (dayStart < toUtc)
        {
            var nextDayStart = StartOfDayUtc(day.AddDays(1));
            if (IsWorkingDay(day))
            {
                var start = Max(dayStart, fromUtc);
                var end = Min(nextDayStart, toUtc);
                total += end.Ticks - start.Ticks;
            }

            day = day.AddDays(1);
            dayStart = nextDayStart;
        }

        return total;
    }

    /// <summary><see cref="AddCounted"/> in whole ticks, on a UTC instant.</summary>
    internal DateTime AddCountedTicks(DateTime fromUtc, long ticks, bool workingDaysOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        if (ticks == 0)
        {
            return fromUtc;
        }

        if (!workingDaysOnly)
        {
            return fromUtc.AddTicks(ticks);
        }

        long remaining = ticks;
        var day = LocalDate(fromUtc);
        var dayStart = StartOfDayUtc(day);
        while (true)
        {
            var nextDayStart = StartOfDayUtc(day.AddDays(1));
            if (IsWorkingDay(day))
            {
                var start = Max(dayStart, fromUtc);
                long available = nextDayStart.Ticks - start.Ticks;
                if (remaining <= available)
                {
                    return start.AddTicks(remaining);
                }

                remaining -= available;
            }

            day = day.AddDays(1);
            dayStart = nextDayStart;
        }
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));

    private DateTime StartOfDayUtc(DateOnly date) =>
        new(Days(date.Year).StartUtcTicks[date.DayOfYear - 1], DateTimeKind.Utc);

    /// <summary>
    /// Each day of a year worked out once: where it begins in UTC and whether it is a working day. The clocks on
    /// a worklist ask about the same few weeks over and over, so the time zone is consulted once per day.
    /// </summary>
    private YearOfDays Days(int year) =>
        _daysByYear.GetOrAdd(year, static (y, calendar) =>
        {
            int days = DateTime.IsLeapYear(y) ? 366 : 365;
            var starts = new long[days];
            var working = new bool[days];
            var holidays = calendar.Holidays(y);
            for (int i = 0; i < days; i++)
            {
                var date = new DateOnly(y, 1, 1).AddDays(i);
                starts[i] = calendar.LocalMidnightInUtc(date).Ticks;
                working[i] = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);
            }

            return new YearOfDays(starts, working);
        }, this);

    /// <summary>
    /// The UTC instant at which a local date begins. UK clocks change at 01:00 GMT, so UK midnight always exists
    /// once; for a zone that changes at midnight, a skipped midnight begins the day at the change and a repeated
    /// one at its first occurrence.
    /// </summary>
    private DateTime LocalMidnightInUtc(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = TimeZone.IsAmbiguousTime(midnight)
            ? TimeZone.GetAmbiguousTimeOffsets(midnight).Max()
            : TimeZone.GetUtcOffset(midnight);
        return DateTime.SpecifyKind(midnight - offset, DateTimeKind.Utc);
    }

    private ImmutableArray<DateOnly> Holidays(int year) =>
        _holidaysByYear.GetOrAdd(year, static (y, changes) =>
        {
            var dates = EnglandAndWalesBankHolidays.StandingRules(y);
            foreach (var change in changes[y])
            {
                if (change.Added)
                {
                    dates.Add(change.Date);
                }
                else
                {
                    dates.Remove(change.Date);
                }
            }

            return [.. dates.Distinct().Order()];
        }, _changesByYear);

    private sealed record YearOfDays(long[] StartUtcTicks, bool[] IsWorkingDay);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
