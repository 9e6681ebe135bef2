using OnePlace.Core.Referrals.Clocks;

namespace OnePlace.Core.Tests.Referrals;

/// <summary>Instants for clock tests, written as UTC or as UK wall-clock time.</summary>
internal static class UkTime
{
    internal static BusinessCalendar Calendar => BusinessCalendar.EnglandAndWales;

    internal static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>The UTC instant at which UK clocks show this time.</summary>
    internal static DateTime London(int year, int month, int day, int hour = 0, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Calendar.TimeZone);

    internal static DateTime ToLondon(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Calendar.TimeZone);
}
