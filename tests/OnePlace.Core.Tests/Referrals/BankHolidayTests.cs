using System.Globalization;
using OnePlace.Core.Referrals.Clocks;

namespace OnePlace.Core.Tests.Referrals;

public class BankHolidayTests
{
    // The bank holidays of England and Wales as GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays) lists
    // them, substitute days included. 2028 is beyond the years GOV.UK had published when this list was copied; it
    // is what the standing rules give (New Year's Day on a Saturday, so Monday 3 January).
    private static readonly Dictionary<int, string[]> GovUkList = new()
    {
        [2019] = ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"],
        [2020] = ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
        [2021] = ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"],
        [2022] = ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
        [2023] = ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
        [2024] = ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"],
        [2025] = ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"],
        [2026] = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
        [2027] = ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
        [2028] = ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"],
    };

    private static BusinessCalendar Calendar => BusinessCalendar.EnglandAndWales;

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    public void Every_bank_holiday_of_the_year_is_the_one_GOV_UK_lists(int year) =>
        Assert.Equal(GovUkList[year].Select(Date), Calendar.BankHolidaysIn(year));

    [Theory]
    [InlineData("2020-12-28")]
    [InlineData("2021-12-27")]
    [InlineData("2021-12-28")]
    [InlineData("2022-01-03")]
    [InlineData("2022-12-27")]
    [InlineData("2023-01-02")]
    [InlineData("2026-12-28")]
    [InlineData("2027-12-27")]
    [InlineData("2027-12-28")]
    public void A_substitute_day_is_a_bank_holiday_and_not_a_working_day(string date)
    {
        Assert.True(Calendar.IsBankHoliday(Date(date)));
        Assert.False(Calendar.IsWorkingDay(Date(date)));
    }

    [Fact]
    public void Christmas_on_a_Sunday_gives_Boxing_Day_on_the_Monday_and_Christmas_on_the_Tuesday() =>
        Assert.Equal([Date("2033-12-26"), Date("2033-12-27")], Calendar.BankHolidaysIn(2033).Where(d => d.Month == 12));

    [Theory]
    [InlineData("2012-06-04", true)]
    [InlineData("2012-06-05", true)]
    [InlineData("2012-05-28", false)]
    [InlineData("2020-05-08", true)]
    [InlineData("2020-05-04", false)]
    [InlineData("2022-05-30", false)]
    [InlineData("2022-09-19", true)]
    [InlineData("2023-05-08", true)]
    public void A_proclaimed_change_moves_or_adds_a_bank_holiday(string date, bool isBankHoliday) =>
        Assert.Equal(isBankHoliday, Calendar.IsBankHoliday(Date(date)));

    [Fact]
    public void Every_year_has_eight_bank_holidays_except_where_one_was_proclaimed()
    {
        var extra = new Dictionary<int, int> { [2012] = 1, [2022] = 2, [2023] = 1 };
        for (int year = 1990; year <= 2060; year++)
        {
            Assert.Equal(8 + extra.GetValueOrDefault(year), Calendar.BankHolidaysIn(year).Count);
        }
    }

    [Theory]
    [InlineData(1943, "1943-04-25")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, string easter) =>
        Assert.Equal(Date(easter), EnglandAndWalesBankHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2026-05-23")]
    [InlineData("2026-05-24")]
    [InlineData("2026-05-25")]
    public void Weekends_and_bank_holidays_are_not_working_days(string date) =>
        Assert.False(Calendar.IsWorkingDay(Date(date)));

    [Fact]
    public void An_ordinary_Tuesday_is_a_working_day() =>
        Assert.True(Calendar.IsWorkingDay(Date("2026-05-26")));

    [Fact]
    public void The_shipped_changes_are_the_proclamations_since_2012_and_each_is_applied()
    {
        var changes = EnglandAndWalesBankHolidays.LoadChanges();

        Assert.Equal(10, changes.Count);
        Assert.All(changes, change => Assert.Equal(change.Added, Calendar.IsBankHoliday(change.Date)));
    }

    [Fact]
    public void A_malformed_change_is_refused_with_its_line_number()
    {
        using var reader = new StringReader("# comment\ndate,change,title\n2024-13-01,add,Nonsense\n");

        var error = Assert.Throws<InvalidOperationException>(() => EnglandAndWalesBankHolidays.ParseChanges(reader));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_date_the_rules_do_not_give_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new BusinessCalendar(
            Calendar.TimeZone, [new BankHolidayChange(new DateOnly(2024, 6, 4), Added: false, "Not a holiday")]));

    [Fact]
    public void The_calendar_keeps_UK_local_time() =>
        Assert.Equal("Europe/London", Calendar.TimeZone.Id);

    [Fact]
    public void The_built_in_UK_rule_agrees_with_the_time_zone_database_around_every_clock_change()
    {
        TimeZoneInfo database;
        try
        {
            database = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            Assert.Skip("This host has no time zone database to compare with.");
            return;
        }

        for (int year = 1996; year <= 2040; year++)
        {
            foreach (int month in new[] { 3, 10 })
            {
                var from = new DateTime(year, month, 20, 0, 0, 0, DateTimeKind.Utc);
                for (var t = from; t < from.AddDays(14); t = t.AddMinutes(30))
                {
                    Assert.Equal(database.GetUtcOffset(t), LondonTime.SummerTimeOrder2002.GetUtcOffset(t));
                }
            }
        }
    }
}
