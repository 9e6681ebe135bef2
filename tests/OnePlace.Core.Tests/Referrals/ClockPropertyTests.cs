using CsCheck;
using OnePlace.Core.Referrals.Clocks;
using static OnePlace.Core.Tests.Referrals.UkTime;

namespace OnePlace.Core.Tests.Referrals;

/// <summary>Properties every clock keeps, checked on generated instants from 2000 to 2040.</summary>
public class ClockPropertyTests
{
    private static readonly long Earliest = Utc(2000, 1, 1).Ticks;
    private static readonly long Latest = Utc(2040, 1, 1).Ticks;
    private static readonly long FortyDays = TimeSpan.FromDays(40).Ticks;

    private static readonly Gen<DateTime> Instant =
        Gen.Long[Earliest, Latest].Select(ticks => new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>Gaps of up to 40 days: long enough to cross weekends, bank holidays and clock changes.</summary>
    private static readonly Gen<TimeSpan> Gap = Gen.Long[0, FortyDays].Select(TimeSpan.FromTicks);

    private static readonly Gen<string> AnyUrgency = Gen.OneOf([.. Urgency.All]);

    /// <summary>
    /// A clock with a history: started, then paused and resumed in turn after each gap, and stopped after the
    /// last gap or not. The instant of its last event comes with it.
    /// </summary>
    private static readonly Gen<(ReferralClock Clock, DateTime LastEvent)> AnyClock =
        Gen.Select(AnyUrgency, Instant, Gap.Array[0, 5], Gen.Bool, (urgency, start, gaps, stop) =>
        {
            var clock = ReferralClock.Start(urgency, start);
            var at = start;
            foreach (var gap in gaps)
            {
                at += gap;
                clock = clock.PausedAtUtc is null ? clock.Pause(at) : clock.Resume(at, Calendar);
            }

            if (stop)
            {
                clock = clock.Stop(at, Calendar);
            }

            return (clock, at);
        });

    /// <summary>An instant anywhere from 40 days before a clock's last event to 40 days after.</summary>
    private static readonly Gen<TimeSpan> Offset = Gen.Long[-FortyDays, FortyDays].Select(TimeSpan.FromTicks);

    /// <summary>Counted seconds as a TimeSpan, to the nearest tick as the clocks round them.</summary>
    private static TimeSpan ToNearestTick(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    [Fact]
    public void Elapsed_time_is_never_negative() =>
        Gen.Select(AnyClock, Offset).Sample((history, offset) =>
            Assert.True(history.Clock.Elapsed(history.LastEvent + offset, Calendar) >= TimeSpan.Zero));

    [Fact]
    public void Elapsed_time_never_decreases_as_now_moves_on() =>
        Gen.Select(AnyClock, Offset, Gap).Sample((history, offset, later) =>
        {
            var now = history.LastEvent + offset;
            Assert.True(history.Clock.Elapsed(now, Calendar) <= history.Clock.Elapsed(now + later, Calendar));
        });

    [Fact]
    public void Elapsed_time_never_exceeds_wall_time_since_the_start() =>
        Gen.Select(AnyClock, Offset).Sample((history, offset) =>
        {
            var now = history.LastEvent + offset;
            var wall = now - history.Clock.StartedAtUtc;
            Assert.True(history.Clock.Elapsed(now, Calendar) <= (wall > TimeSpan.Zero ? wall : TimeSpan.Zero));
        });

    [Fact]
    public void A_pause_takes_exactly_its_counted_time_off_the_elapsed_time() =>
        Gen.Select(AnyUrgency, Instant, Gap, Gap, Gap).Sample((urgency, start, before, pause, after) =>
        {
            var pausedAt = start + before;
            var resumedAt = pausedAt + pause;
            var now = resumedAt + after;
            var unpaused = ReferralClock.Start(urgency, start);
            var paused = unpaused.Pause(pausedAt).Resume(resumedAt, Calendar);
            var pauseSeconds = Calendar.CountedSeconds(pausedAt, resumedAt, unpaused.Definition.WorkingDaysOnly);

            Assert.Equal(
                unpaused.Elapsed(now, Calendar) - ToNearestTick(pauseSeconds),
                paused.Elapsed(now, Calendar));
        });

    [Fact]
    public void A_pause_still_running_takes_exactly_its_counted_time_so_far_off_the_elapsed_time() =>
        Gen.Select(AnyUrgency, Instant, Gap, Gap).Sample((urgency, start, before, pause) =>
        {
            var pausedAt = start + before;
            var now = pausedAt + pause;
            var unpaused = ReferralClock.Start(urgency, start);
            var paused = unpaused.Pause(pausedAt);
            var pauseSeconds = Calendar.CountedSeconds(pausedAt, now, unpaused.Definition.WorkingDaysOnly);

            Assert.Equal(
                unpaused.Elapsed(now, Calendar) - ToNearestTick(pauseSeconds),
                paused.Elapsed(now, Calendar));
        });

    [Fact]
    public void A_running_clock_reaches_its_target_at_its_due_time() =>
        AnyClock.Where(history => history.Clock.PausedAtUtc is null && history.Clock.StoppedAtUtc is null)
            .Sample(history =>
            {
                var due = history.Clock.DueAtUtc(history.LastEvent, Calendar);

                Assert.NotNull(due);
                var elapsed = history.Clock.Elapsed(due.Value, Calendar);
                Assert.True(
                    (elapsed - history.Clock.Definition.Target).Duration() <= TimeSpan.FromMilliseconds(1),
                    $"elapsed {elapsed} at the due time, target {history.Clock.Definition.Target}");
            });

    [Fact]
    public void Adding_counted_time_then_counting_it_gives_it_back_at_the_earliest_instant() =>
        Gen.Select(Instant, Gap, Gen.Bool).Sample((from, span, workingDaysOnly) =>
        {
            double seconds = span.TotalSeconds;
            var to = Calendar.AddCounted(from, seconds, workingDaysOnly);

            Assert.Equal(seconds, Calendar.CountedSeconds(from, to, workingDaysOnly), 1e-6);
            if (seconds > 0)
            {
                Assert.True(Calendar.CountedSeconds(from, to.AddTicks(-1), workingDaysOnly) < seconds);
            }
        });

    [Fact]
    public void Counting_time_then_adding_it_lands_no_later_than_where_counting_ended() =>
        Gen.Select(Instant, Gap, Gen.Bool).Sample((from, span, workingDaysOnly) =>
        {
            var to = from + span;
            double counted = Calendar.CountedSeconds(from, to, workingDaysOnly);
            var back = Calendar.AddCounted(from, counted, workingDaysOnly);

            Assert.True(back <= to);
            Assert.Equal(counted, Calendar.CountedSeconds(from, back, workingDaysOnly), 1e-6);
        });

    [Fact]
    public void A_working_days_clock_counts_nothing_on_a_weekend_or_bank_holiday() =>
        Gen.Select(Instant, Gen.Double[0, 1], Gen.Double[0, 1]).Sample((instant, a, b) =>
        {
            var day = DateOnly.FromDateTime(ToLondon(instant));
            while (Calendar.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            var dayStart = London(day.Year, day.Month, day.Day);
            var dayEnd = London(day.AddDays(1).Year, day.AddDays(1).Month, day.AddDays(1).Day);
            var from = dayStart + ((dayEnd - dayStart) * Math.Min(a, b));
            var to = dayStart + ((dayEnd - dayStart) * Math.Max(a, b));

            Assert.Equal(0, Calendar.CountedSeconds(from, to, workingDaysOnly: true));
            Assert.Equal(0, Calendar.CountedSeconds(dayStart, dayEnd, workingDaysOnly: true));
        });

    [Fact]
    public void A_working_days_clock_counts_every_second_of_a_working_day() =>
        Gen.Select(Instant, Gen.Double[0, 1]).Sample((instant, a) =>
        {
            var day = DateOnly.FromDateTime(ToLondon(instant));
            while (!Calendar.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            var dayStart = London(day.Year, day.Month, day.Day);
            var from = dayStart + (TimeSpan.FromDays(1) * a);

            Assert.Equal(TimeSpan.FromDays(1).TotalSeconds, Calendar.CountedSeconds(dayStart, dayStart.AddDays(1), workingDaysOnly: true));
            Assert.Equal((dayStart.AddDays(1) - from).TotalSeconds, Calendar.CountedSeconds(from, dayStart.AddDays(1), workingDaysOnly: true), 1e-6);
        });

    [Fact]
    public void A_clock_that_runs_around_the_clock_counts_wall_time() =>
        Gen.Select(Instant, Gap).Sample((from, span) =>
            Assert.Equal(span.TotalSeconds, Calendar.CountedSeconds(from, from + span, workingDaysOnly: false), 1e-6));
}
