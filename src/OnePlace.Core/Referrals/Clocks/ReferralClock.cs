namespace OnePlace.Core.Referrals.Clocks;

/// <summary>
/// A referral's clock: started when the referral arrives, paused while, for example, the person is in hospital,
/// stopped at first contact or when the referral ends. Pause time is excluded from the elapsed time.
/// </summary>
/// <param name="Definition">The target, and whether the clock counts around the clock or working days only.</param>
/// <param name="StartedAtUtc">When the referral arrived.</param>
/// <param name="StoppedAtUtc">When the clock stopped, if it has.</param>
/// <param name="PausedAtUtc">When the current pause began, while the clock is paused.</param>
/// <param name="PausedSeconds">Counted seconds of the pauses already ended.</param>
public sealed record ReferralClock(
    ClockDefinition Definition,
    DateTime StartedAtUtc,
    DateTime? StoppedAtUtc,
    DateTime? PausedAtUtc,
    double PausedSeconds)
{
    /// <summary>A running clock for a new referral.</summary>
    /// <exception cref="ArgumentException">The urgency code is unknown.</exception>
    public static ReferralClock Start(string urgency, DateTime atUtc) =>
        new(ClockDefinition.For(urgency), ClockTime.AsUtc(atUtc), null, null, 0);

    /// <summary>
    /// Counted time from the start to <paramref name="nowUtc"/> (or to the stop, if earlier), less the ended
    /// pauses and the current one; never negative.
    /// </summary>
    public TimeSpan Elapsed(DateTime nowUtc, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var start = ClockTime.AsUtc(StartedAtUtc);
        var end = ClockTime.AsUtc(nowUtc);
        if (StoppedAtUtc is { } stopped && ClockTime.AsUtc(stopped) < end)
        {
            end = ClockTime.AsUtc(stopped);
        }

        long ticks = calendar.CountedTicks(start, end, Definition.WorkingDaysOnly) - ClockTime.ToTicks(PausedSeconds);
        if (PausedAtUtc is { } paused)
        {
            ticks -= calendar.CountedTicks(Later(start, ClockTime.AsUtc(paused)), end, Definition.WorkingDaysOnly);
        }

        return TimeSpan.FromTicks(Math.Max(0, ticks));
    }

    /// <summary>The target less the elapsed time: negative once the clock is breached.</summary>
    public TimeSpan Remaining(DateTime nowUtc, BusinessCalendar calendar) =>
        Definition.Target - Elapsed(nowUtc, calendar);

    /// <summary>
    /// When the elapsed time reaches the target if the clock runs on without another pause; for a breached
    /// clock, the instant it was breached. Null when the clock is paused or stopped at <paramref name="nowUtc"/>,
    /// because then it has no due time until it runs again.
    /// </summary>
    public DateTime? DueAtUtc(DateTime nowUtc, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var now = ClockTime.AsUtc(nowUtc);
        if (IsStoppedAt(now) || (PausedAtUtc is { } paused && ClockTime.AsUtc(paused) <= now))
        {
            return null;
        }

        // Elapsed(t) = counted(start, t) - ended pauses, so the due instant is where the counted time from the
        // start first reaches the target plus the pauses.
        return calendar.AddCountedTicks(
            ClockTime.AsUtc(StartedAtUtc),
            Definition.Target.Ticks + ClockTime.ToTicks(PausedSeconds),
            Definition.WorkingDaysOnly);
    }

    /// <summary>More time has elapsed than the target allows.</summary>
    public bool IsBreached(DateTime nowUtc, BusinessCalendar calendar) =>
        Elapsed(nowUtc, calendar) > Definition.Target;

    /// <summary>Not breached, not stopped, and less than a quarter of the target remains.</summary>
    public bool IsAtRisk(DateTime nowUtc, BusinessCalendar calendar)
    {
        if (IsStoppedAt(ClockTime.AsUtc(nowUtc)))
        {
            return false;
        }

        var remaining = Definition.Target - Elapsed(nowUtc, calendar);
        return remaining >= TimeSpan.Zero && remaining < Definition.Target / 4;
    }

    /// <exception cref="InvalidOperationException">The clock is stopped or already paused, or the pause would begin before the start.</exception>
    public ReferralClock Pause(DateTime atUtc)
    {
        var at = ClockTime.AsUtc(atUtc);
        if (StoppedAtUtc is not null)
        {
            throw new InvalidOperationException("A stopped clock cannot be paused.");
        }

        if (PausedAtUtc is { } paused)
        {
            throw new InvalidOperationException($"The clock is already paused (since {ClockTime.AsUtc(paused):u}).");
        }

        if (at < ClockTime.AsUtc(StartedAtUtc))
        {
            throw new InvalidOperationException("A clock cannot be paused before it started.");
        }

        return this with { PausedAtUtc = at };
    }

    /// <summary>Ends the current pause, adding its counted seconds to <see cref="PausedSeconds"/>.</summary>
    /// <exception cref="InvalidOperationException">The clock is not paused, or the resume is before the pause.</exception>
    public ReferralClock Resume(DateTime atUtc, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (PausedAtUtc is null)
        {
            throw new InvalidOperationException("The clock is not paused, so it cannot be resumed.");
        }

        return this with { PausedAtUtc = null, PausedSeconds = PausedSecondsEndingAt(ClockTime.AsUtc(atUtc), calendar) };
    }

    /// <summary>Stops the clock; a pause in progress ends at the stop.</summary>
    /// <exception cref="InvalidOperationException">The clock has already stopped, or the stop is before the start or the pause.</exception>
    public ReferralClock Stop(DateTime atUtc, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var at = ClockTime.AsUtc(atUtc);
        if (StoppedAtUtc is { } stopped)
        {
            throw new InvalidOperationException($"The clock has already stopped (at {ClockTime.AsUtc(stopped):u}).");
        }

        if (at < ClockTime.AsUtc(StartedAtUtc))
        {
            throw new InvalidOperationException("A clock cannot be stopped before it started.");
        }

        var pausedSeconds = PausedAtUtc is null ? PausedSeconds : PausedSecondsEndingAt(at, calendar);
        return this with { StoppedAtUtc = at, PausedAtUtc = null, PausedSeconds = pausedSeconds };
    }

    private double PausedSecondsEndingAt(DateTime at, BusinessCalendar calendar)
    {
        var pausedAt = Later(ClockTime.AsUtc(StartedAtUtc), ClockTime.AsUtc(PausedAtUtc!.Value));
        if (at < pausedAt)
        {
            throw new InvalidOperationException($"A pause cannot end before it began (at {pausedAt:u}).");
        }

        // Sum in ticks, so that ended pauses add up exactly however many there are.
        return ClockTime.ToSeconds(
            ClockTime.ToTicks(PausedSeconds) + calendar.CountedTicks(pausedAt, at, Definition.WorkingDaysOnly));
    }

    private bool IsStoppedAt(DateTime now) => StoppedAtUtc is { } stopped && ClockTime.AsUtc(stopped) <= now;

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
