namespace OnePlace.Core.Referrals.Clocks;

/// <summary>UK local time (Europe/London), in which a working day begins and ends.</summary>
internal static class LondonTime
{
    internal static TimeZoneInfo Zone { get; } = Find();

    /// <summary>
    /// The present UK rule, for a host without a time zone database (a slim container): British Summer Time
    /// from 01:00 GMT on the last Sunday in March to 01:00 GMT on the last Sunday in October (Summer Time Act
    /// 1972 as amended by the Summer Time Order 2002). Exact from 1996, when the UK and EU end dates aligned.
    /// </summary>
    internal static TimeZoneInfo SummerTimeOrder2002 { get; } = TimeZoneInfo.CreateCustomTimeZone(
        "Europe/London",
        TimeSpan.Zero,
        "United Kingdom time",
        "Greenwich Mean Time",
        "British Summer Time",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                // .NET gives a transition's time of day in the local time in force before it: 01:00 GMT, then
                // 02:00 BST (= 01:00 GMT).
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return SummerTimeOrder2002;
        }
        catch (InvalidTimeZoneException)
        {
            return SummerTimeOrder2002;
        }
    }
}
