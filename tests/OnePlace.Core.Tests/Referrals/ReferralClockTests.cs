using OnePlace.Core.Referrals.Clocks;
using static OnePlace.Core.Tests.Referrals.UkTime;

namespace OnePlace.Core.Tests.Referrals;

public class ReferralClockTests
{
    [Fact]
    public void Two_hour_crisis_clock_started_before_the_clocks_go_forward_is_due_two_real_hours_later()
    {
        // Sunday 29 March 2026: UK clocks go from 01:00 GMT to 02:00 BST. Started at 00:30 GMT, the clock is
        // due at 02:30 UTC, which UK clocks show as 03:30.
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 3, 29, 0, 30));

        var due = clock.DueAtUtc(Utc(2026, 3, 29, 0, 30), Calendar);

        Assert.Equal(Utc(2026, 3, 29, 2, 30), due);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 30, 0), ToLondon(due!.Value));
        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(due.Value, Calendar));
    }

    [Fact]
    public void Two_hour_crisis_clock_started_before_the_clocks_go_back_is_due_two_real_hours_later()
    {
        // Sunday 25 October 2026: UK clocks go from 02:00 BST back to 01:00 GMT. Started at 01:30 BST (00:30
        // UTC), the clock is due at 02:30 UTC, which UK clocks show as 02:30: one hour later on the wall.
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 10, 25, 0, 30));

        var due = clock.DueAtUtc(Utc(2026, 10, 25, 0, 30), Calendar);

        Assert.Equal(Utc(2026, 10, 25, 2, 30), due);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0), ToLondon(clock.StartedAtUtc));
        Assert.Equal(new DateTime(2026, 10, 25, 2, 30, 0), ToLondon(due!.Value));
    }

    [Fact]
    public void Referral_past_its_two_hour_clock_is_flagged_as_breached()
    {
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 6, 1, 9));

        Assert.False(clock.IsBreached(Utc(2026, 6, 1, 11), Calendar));
        Assert.True(clock.IsBreached(Utc(2026, 6, 1, 11, 1), Calendar));
        Assert.Equal(TimeSpan.FromMinutes(-1), clock.Remaining(Utc(2026, 6, 1, 11, 1), Calendar));
    }

    [Fact]
    public void Clock_with_less_than_a_quarter_of_its_target_left_is_at_risk()
    {
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 6, 1, 9));

        Assert.False(clock.IsAtRisk(Utc(2026, 6, 1, 10, 29), Calendar));
        Assert.False(clock.IsAtRisk(Utc(2026, 6, 1, 10, 30), Calendar));
        Assert.True(clock.IsAtRisk(Utc(2026, 6, 1, 10, 31), Calendar));
        Assert.False(clock.IsAtRisk(Utc(2026, 6, 1, 11, 1), Calendar));
    }

    [Fact]
    public void Stopped_clock_keeps_its_elapsed_time_and_is_never_at_risk()
    {
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 6, 1, 9))
            .Stop(Utc(2026, 6, 1, 10, 45), Calendar);

        Assert.Equal(TimeSpan.FromMinutes(105), clock.Elapsed(Utc(2026, 6, 2), Calendar));
        Assert.False(clock.IsAtRisk(Utc(2026, 6, 2), Calendar));
        Assert.Null(clock.DueAtUtc(Utc(2026, 6, 2), Calendar));
    }

    [Fact]
    public void Two_day_clock_counts_the_weekend()
    {
        var clock = ReferralClock.Start(Urgency.TwoDay, London(2026, 6, 5, 17));

        Assert.Equal(London(2026, 6, 7, 17), clock.DueAtUtc(London(2026, 6, 5, 17), Calendar));
    }

    [Fact]
    public void Paused_clock_does_not_run_and_has_no_due_time_until_resumed()
    {
        var clock = ReferralClock.Start(Urgency.TwoDay, Utc(2026, 6, 1, 9)).Pause(Utc(2026, 6, 1, 10));

        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed(Utc(2026, 6, 3, 9), Calendar));
        Assert.Null(clock.DueAtUtc(Utc(2026, 6, 3, 9), Calendar));

        var resumed = clock.Resume(Utc(2026, 6, 2, 10), Calendar);

        Assert.Equal(TimeSpan.FromDays(1).TotalSeconds, resumed.PausedSeconds);
        Assert.Null(resumed.PausedAtUtc);
        Assert.Equal(Utc(2026, 6, 4, 9), resumed.DueAtUtc(Utc(2026, 6, 2, 10), Calendar));
    }

    [Fact]
    public void Routine_clock_paused_over_a_weekend_loses_no_time_to_the_pause()
    {
        var clock = ReferralClock.Start(Urgency.Routine, London(2026, 6, 5, 9))
            .Pause(London(2026, 6, 6, 9))
            .Resume(London(2026, 6, 7, 21), Calendar);

        Assert.Equal(0, clock.PausedSeconds);
    }

    [Fact]
    public void Stopping_a_paused_clock_ends_the_pause_at_the_stop()
    {
        var clock = ReferralClock.Start(Urgency.Crisis2Hour, Utc(2026, 6, 1, 9))
            .Pause(Utc(2026, 6, 1, 9, 30))
            .Stop(Utc(2026, 6, 1, 10), Calendar);

        Assert.Null(clock.PausedAtUtc);
        Assert.Equal(30 * 60, clock.PausedSeconds);
        Assert.Equal(TimeSpan.FromMinutes(30), clock.Elapsed(Utc(2026, 6, 1, 12), Calendar));
    }

    [Fact]
    public void Elapsed_time_before_the_start_is_zero() =>
        Assert.Equal(TimeSpan.Zero, ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9)).Elapsed(Utc(2026, 5, 1), Calendar));

    [Fact]
    public void A_clock_cannot_be_paused_twice()
    {
        var clock = ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9)).Pause(Utc(2026, 6, 1, 10));

        Assert.Throws<InvalidOperationException>(() => clock.Pause(Utc(2026, 6, 1, 11)));
    }

    [Fact]
    public void A_stopped_clock_cannot_be_paused_or_stopped_again()
    {
        var clock = ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9)).Stop(Utc(2026, 6, 1, 10), Calendar);

        Assert.Throws<InvalidOperationException>(() => clock.Pause(Utc(2026, 6, 1, 11)));
        Assert.Throws<InvalidOperationException>(() => clock.Stop(Utc(2026, 6, 1, 11), Calendar));
    }

    [Fact]
    public void A_running_clock_cannot_be_resumed() =>
        Assert.Throws<InvalidOperationException>(() =>
            ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9)).Resume(Utc(2026, 6, 1, 10), Calendar));

    [Fact]
    public void A_pause_cannot_end_before_it_began()
    {
        var clock = ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9)).Pause(Utc(2026, 6, 1, 10));

        Assert.Throws<InvalidOperationException>(() => clock.Resume(Utc(2026, 6, 1, 9, 30), Calendar));
        Assert.Throws<InvalidOperationException>(() => clock.Stop(Utc(2026, 6, 1, 9, 30), Calendar));
    }

    [Fact]
    public void A_clock_cannot_be_paused_or_stopped_before_it_started()
    {
        var clock = ReferralClock.Start(Urgency.Routine, Utc(2026, 6, 1, 9));

        Assert.Throws<InvalidOperationException>(() => clock.Pause(Utc(2026, 6, 1, 8)));
        Assert.Throws<InvalidOperationException>(() => clock.Stop(Utc(2026, 6, 1, 8), Calendar));
    }

    [Theory]
    [InlineData(Urgency.Crisis2Hour, 2, false)]
    [InlineData(Urgency.TwoDay, 48, false)]
    [InlineData(Urgency.Routine, 240, true)]
    public void Each_urgency_has_its_standard_target(string urgency, int hours, bool workingDaysOnly)
    {
        var definition = ClockDefinition.For(urgency);

        Assert.Equal(urgency, definition.Urgency);
        Assert.Equal(TimeSpan.FromHours(hours), definition.Target);
        Assert.Equal(workingDaysOnly, definition.WorkingDaysOnly);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("CRISIS_2H")]
    [InlineData("")]
    public void An_unknown_urgency_is_refused(string urgency)
    {
        Assert.False(Urgency.IsKnown(urgency));
        Assert.Throws<ArgumentException>(() => ClockDefinition.For(urgency));
        Assert.Throws<ArgumentException>(() => ReferralClock.Start(urgency, Utc(2026, 6, 1)));
    }

    [Fact]
    public void Every_listed_urgency_is_known() =>
        Assert.All(Urgency.All, code => Assert.True(Urgency.IsKnown(code)));
}
