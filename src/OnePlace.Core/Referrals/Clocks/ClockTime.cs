namespace OnePlace.Core.Referrals.Clocks;

/// <summary>Conversions shared by the calendar and the clocks, so that both round the same way.</summary>
internal static class ClockTime
{
    /// <summary>UTC as given; an unspecified kind is taken to be UTC, a local one is converted.</summary>
    internal static DateTime AsUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Utc => instant,
        DateTimeKind.Local => instant.ToUniversalTime(),
        _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
    };

    /// <summary>
    /// Seconds to the nearest tick. Ticks to seconds and back again is exact for spans of several years (the
    /// double's rounding error stays under half a tick), far longer than any clock runs.
    /// </summary>
    internal static long ToTicks(double seconds) => checked((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    internal static double ToSeconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;
}
