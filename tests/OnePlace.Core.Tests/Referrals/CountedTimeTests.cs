using OnePlace.Core.Referrals.Clocks;
using static OnePlace.Core.Tests.Referrals.UkTime;

namespace OnePlace.Core.Tests.Referrals;

public class CountedTimeTests
{
    [Fact]
    public void Routine_clock_from_Friday_17_00_to_Tuesday_counts_Friday_evening_and_Tuesday_morning_only_over_a_bank_holiday_weekend()
    {
        // Friday 22 May 2026, 17:00 BST, to Tuesday 26 May, 09:00 BST; Monday 25 May is the spring bank holiday.
        var friday = London(2026, 5, 22, 17);
        var tuesday = London(2026, 5, 26, 9);

        Assert.Equal(TimeSpan.FromHours(7 + 9).TotalSeconds, Calendar.CountedSeconds(friday, tuesday, workingDaysOnly: true));
        Assert.Equal(TimeSpan.FromHours(88).TotalSeconds, Calendar.CountedSeconds(friday, tuesday, workingDaysOnly: false));
    }

    [Fact]
    public void Working_day_clock_does_not_count_a_bank_holiday() =>
        Assert.Equal(0, Calendar.CountedSeconds(London(2026, 5, 25), London(2026, 5, 26), workingDaysOnly: true));

    [Fact]
    public void A_working_day_begins_at_UK_midnight_not_UTC_midnight()
    {
        // Monday 1 June 2026 begins at 23:00 UTC on Sunday 31 May (BST is UTC+1).
        var sundayEvening = Utc(2026, 5, 31, 22);
        var halfAnHourIntoMonday = Utc(2026, 5, 31, 23, 30);

        Assert.Equal(30 * 60, Calendar.CountedSeconds(sundayEvening, halfAnHourIntoMonday, workingDaysOnly: true));
    }

    [Fact]
    public void Working_days_either_side_of_the_spring_clock_change_count_24_hours_each()
    {
        // Friday 27 March 2026 00:00 GMT to Tuesday 31 March 00:00 BST: 95 hours of wall time, as the clocks
        // go forward on Sunday 29 March; Friday and Monday count.
        var from = London(2026, 3, 27);
        var to = London(2026, 3, 31);

        Assert.Equal(TimeSpan.FromHours(95), to - from);
        Assert.Equal(TimeSpan.FromHours(48).TotalSeconds, Calendar.CountedSeconds(from, to, workingDaysOnly: true));
    }

    [Fact]
    public void Working_days_either_side_of_the_autumn_clock_change_count_24_hours_each()
    {
        // Friday 23 October 2026 00:00 BST to Tuesday 27 October 00:00 GMT: 97 hours of wall time.
        var from = London(2026, 10, 23);
        var to = London(2026, 10, 27);

        Assert.Equal(TimeSpan.FromHours(97), to - from);
        Assert.Equal(TimeSpan.FromHours(48).TotalSeconds, Calendar.CountedSeconds(from, to, workingDaysOnly: true));
    }

    [Fact]
    public void Ten_working_days_from_before_Christmas_skip_the_holidays_and_the_weekends()
    {
        // From Thursday 17 December 2026, 10:00: Christmas Day (Friday), Boxing Day's substitute (Monday 28) and
        // New Year's Day (Friday) are not counted, so the tenth working day after is Tuesday 5 January 2027.
        var due = Calendar.AddCounted(London(2026, 12, 17, 10), TimeSpan.FromDays(10).TotalSeconds, workingDaysOnly: true);

        Assert.Equal(London(2027, 1, 5, 10), due);
    }

    [Fact]
    public void Counting_from_a_weekend_begins_on_Monday()
    {
        var saturdayNoon = London(2026, 6, 6, 12);

        Assert.Equal(London(2026, 6, 8, 1), Calendar.AddCounted(saturdayNoon, 3600, workingDaysOnly: true));
    }

    [Fact]
    public void Adding_no_time_is_the_same_instant_even_on_a_weekend()
    {
        var saturdayNoon = London(2026, 6, 6, 12);

        Assert.Equal(saturdayNoon, Calendar.AddCounted(saturdayNoon, 0, workingDaysOnly: true));
    }

    [Fact]
    public void Time_running_backwards_counts_nothing() =>
        Assert.Equal(0, Calendar.CountedSeconds(Utc(2026, 6, 2), Utc(2026, 6, 1), workingDaysOnly: false));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Adding_negative_or_undefined_time_is_refused(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddCounted(Utc(2026, 6, 1), seconds, workingDaysOnly: true));

    [Fact]
    public void An_instant_of_unspecified_kind_is_taken_as_UTC()
    {
        var unspecified = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Unspecified);

        var due = Calendar.AddCounted(unspecified, 3600, workingDaysOnly: false);

        Assert.Equal(Utc(2026, 6, 1, 10), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }
}
