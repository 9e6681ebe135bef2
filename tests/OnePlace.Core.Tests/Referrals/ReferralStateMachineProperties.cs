using CsCheck;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using static OnePlace.Core.Tests.Referrals.UkTime;

namespace OnePlace.Core.Tests.Referrals;

/// <summary>
/// Properties of the referral's life, checked on random sequences of actions from a fresh referral in the SPA queue,
/// with its clock driven alongside as <see cref="ChangeReferral"/> drives it: paused and resumed, stopped at first
/// contact or when the referral ends, at random increasing times.
/// </summary>
public class ReferralStateMachineProperties
{
    private static readonly ReferralAction[] Actions = Enum.GetValues<ReferralAction>();

    private static readonly Gen<DateTime> Start =
        Gen.Long[Utc(2000, 1, 1).Ticks, Utc(2040, 1, 1).Ticks].Select(ticks => new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>Up to three days between two actions: long enough to cross a weekend or bank holiday, and sometimes none.</summary>
    private static readonly Gen<TimeSpan> Gap =
        Gen.Frequency((1, Gen.Const(TimeSpan.Zero)), (9, Gen.Long[0, TimeSpan.FromDays(3).Ticks].Select(TimeSpan.FromTicks)));

    /// <summary>Any action, the three that end a referral less often, so that walks reach hand-overs and care.</summary>
    private static readonly Gen<ReferralAction> AnyAction = Gen.Frequency(
        [.. Actions.Select(a => (a is ReferralAction.Close or ReferralAction.Decline or ReferralAction.Cancel ? 1 : 4, (IGen<ReferralAction>)Gen.Const(a)))]);

    private static readonly Gen<(ReferralAction Action, TimeSpan Gap)[]> Steps =
        Gen.Select(AnyAction, Gap).Array[0, 40];

    /// <summary>More walks than CsCheck's default hundred: each is cheap, and the deep paths are rarer.</summary>
    private const int Walks = 1000;

    private static readonly Gen<string> AnyUrgency = Gen.OneOf([.. Urgency.All]);

    /// <summary>
    /// A referral's life as the model walks it: the state machine's inputs, the clock, and, kept apart from the
    /// clock, the pauses as they were taken, to check the clock's arithmetic against.
    /// </summary>
    private sealed class Life(string urgency, DateTime start)
    {
        public string Status { get; set; } = ReferralStatus.SpaQueue;
        public bool FirstContactMade { get; set; }
        public ReferralClock Clock { get; set; } = ReferralClock.Start(urgency, start);
        public DateTime Now { get; set; } = start;
        public List<(DateTime From, DateTime? To)> Pauses { get; } = [];
        public List<(string From, ReferralAction Action, string To)> Transitions { get; } = [];

        public bool Paused => Clock.PausedAtUtc is not null;

        /// <summary>Applies <paramref name="action"/> if the machine allows it, moving the clock as ChangeReferral does.</summary>
        public string? Apply(ReferralAction action)
        {
            var next = ReferralStateMachine.Next(Status, Paused, FirstContactMade, action);
            if (next is null)
            {
                return null;
            }

            switch (action)
            {
                case ReferralAction.Pause:
                    Clock = Clock.Pause(Now);
                    Pauses.Add((Now, null));
                    break;
                case ReferralAction.Resume:
                    Clock = Clock.Resume(Now, Calendar);
                    EndPause();
                    break;
                case ReferralAction.RecordFirstContact:
                    Clock = Clock.Stop(Now, Calendar);
                    EndPause();
                    FirstContactMade = true;
                    break;
                case ReferralAction.Close or ReferralAction.Decline or ReferralAction.Cancel when Clock.StoppedAtUtc is null:
                    Clock = Clock.Stop(Now, Calendar);
                    EndPause();
                    break;
            }

            Transitions.Add((Status, action, next));
            Status = next;
            return next;
        }

        /// <summary>Counted time since the start, less the counted time of every pause, up to the stop if there is one.</summary>
        public TimeSpan ExpectedElapsed(DateTime at)
        {
            var end = Clock.StoppedAtUtc is { } stopped && stopped < at ? stopped : at;
            double seconds = Calendar.CountedSeconds(Clock.StartedAtUtc, end, Clock.Definition.WorkingDaysOnly);
            foreach (var (from, to) in Pauses)
            {
                var pauseEnd = to is { } t && t < end ? t : end;
                seconds -= Calendar.CountedSeconds(from, pauseEnd, Clock.Definition.WorkingDaysOnly);
            }

            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        private void EndPause()
        {
            if (Pauses.Count > 0 && Pauses[^1].To is null)
            {
                Pauses[^1] = (Pauses[^1].From, Now);
            }
        }
    }

    private static void Check(Action<string, DateTime, (ReferralAction Action, TimeSpan Gap)[]> property) =>
        Gen.Select(AnyUrgency, Start, Steps).Sample(property, iter: Walks);

    /// <summary>Equal to the millisecond: the clock keeps ended pauses as seconds, the model sums them afresh.</summary>
    private static void AssertClose(TimeSpan expected, TimeSpan actual) =>
        Assert.True((expected - actual).Duration() <= TimeSpan.FromMilliseconds(1), $"expected {expected}, the clock says {actual}");

    private static Life Walk(string urgency, DateTime start, IEnumerable<(ReferralAction Action, TimeSpan Gap)> steps, Action<Life, ReferralAction, string?>? afterEach = null)
    {
        var life = new Life(urgency, start);
        foreach (var (action, gap) in steps)
        {
            life.Now += gap;
            var next = life.Apply(action);
            afterEach?.Invoke(life, action, next);
        }

        return life;
    }

    [Fact]
    public void Every_status_reached_is_a_known_status() =>
        Check((urgency, start, steps) =>
            Walk(urgency, start, steps, (life, _, _) => Assert.Contains(life.Status, ReferralStatus.All)));

    [Fact]
    public void The_actions_allowed_are_exactly_those_the_machine_accepts() =>
        Check((urgency, start, steps) =>
            Walk(urgency, start, steps, (life, _, _) =>
            {
                var accepted = Actions.Where(a => ReferralStateMachine.Next(life.Status, life.Paused, life.FirstContactMade, a) is not null);
                Assert.Equal(accepted, ReferralStateMachine.Allowed(life.Status, life.Paused, life.FirstContactMade));
            }));

    [Fact]
    public void An_ended_referral_allows_no_action_and_its_clock_has_stopped() =>
        Check((urgency, start, steps) =>
            Walk(urgency, start, steps, (life, _, _) =>
            {
                if (!ReferralStatus.IsOpen(life.Status))
                {
                    Assert.Empty(ReferralStateMachine.Allowed(life.Status, life.Paused, life.FirstContactMade));
                    Assert.NotNull(life.Clock.StoppedAtUtc);
                    Assert.False(life.Paused);
                }
            }));

    [Fact]
    public void A_referral_is_in_care_exactly_when_a_team_holds_it_after_first_contact() =>
        Check((urgency, start, steps) =>
            Walk(urgency, start, steps, (life, _, _) =>
            {
                if (life.Status == ReferralStatus.InCare)
                {
                    Assert.True(life.FirstContactMade);
                }

                if (life.Status is ReferralStatus.SpaQueue or ReferralStatus.AwaitingAcceptance or ReferralStatus.Accepted)
                {
                    Assert.False(life.FirstContactMade);
                }

                // The response clock stops at first contact and never runs again.
                if (life.FirstContactMade)
                {
                    Assert.NotNull(life.Clock.StoppedAtUtc);
                    Assert.False(life.Paused);
                }
            }));

    [Fact]
    public void No_transition_leaves_the_paths_of_the_referral_life() =>
        Check((urgency, start, steps) =>
        {
            var life = Walk(urgency, start, steps);
            foreach (var (from, action, to) in life.Transitions)
            {
                Assert.True(ReferralStatus.IsOpen(from), $"{action} from the ended status {from}");
                bool legal = (from, action, to) switch
                {
                    (ReferralStatus.SpaQueue, ReferralAction.Route, ReferralStatus.AwaitingAcceptance) => true,
                    (ReferralStatus.SpaQueue, ReferralAction.Decline, ReferralStatus.Declined) => true,
                    (ReferralStatus.AwaitingAcceptance, ReferralAction.Accept, ReferralStatus.Accepted) => true,
                    (ReferralStatus.AwaitingAcceptance, ReferralAction.Reject, ReferralStatus.SpaQueue) => true,
                    (ReferralStatus.Accepted, ReferralAction.RecordFirstContact, ReferralStatus.InCare) => true,
                    (ReferralStatus.Accepted or ReferralStatus.InCare, ReferralAction.OfferHandover, ReferralStatus.HandoverOffered) => true,
                    (ReferralStatus.Accepted or ReferralStatus.InCare, ReferralAction.Close, ReferralStatus.Closed) => true,
                    (ReferralStatus.HandoverOffered, ReferralAction.AcceptHandover or ReferralAction.RefuseHandover, ReferralStatus.Accepted or ReferralStatus.InCare) => true,
                    (_, ReferralAction.Allocate, _) => from == to && from is ReferralStatus.Accepted or ReferralStatus.InCare,
                    (_, ReferralAction.Pause or ReferralAction.Resume, _) => from == to,
                    (_, ReferralAction.Cancel, ReferralStatus.Cancelled) => true,
                    _ => false,
                };
                Assert.True(legal, $"{from} --{action}--> {to}");
            }
        });

    [Fact]
    public void A_hand_over_lands_back_in_the_status_it_left_whether_accepted_or_refused() =>
        Check((urgency, start, steps) =>
        {
            var life = Walk(urgency, start, steps);
            string? offeredFrom = null;
            foreach (var (from, action, to) in life.Transitions)
            {
                if (action == ReferralAction.OfferHandover)
                {
                    offeredFrom = from;
                }
                else if (action is ReferralAction.AcceptHandover or ReferralAction.RefuseHandover)
                {
                    Assert.Equal(offeredFrom, to);
                }
            }
        });

    [Fact]
    public void Elapsed_time_is_never_negative_and_never_decreases() =>
        Check((urgency, start, steps) =>
        {
            var previous = TimeSpan.Zero;
            Walk(urgency, start, steps, (life, _, _) =>
            {
                var elapsed = life.Clock.Elapsed(life.Now, Calendar);
                Assert.True(elapsed >= TimeSpan.Zero, $"elapsed {elapsed}");
                Assert.True(elapsed >= previous, $"elapsed went from {previous} back to {elapsed}");
                previous = elapsed;
            });
        });

    [Fact]
    public void Pause_time_is_left_out_of_the_elapsed_time() =>
        Gen.Select(AnyUrgency, Start, Steps, Gap).Sample((urgency, start, steps, later) =>
        {
            var life = Walk(urgency, start, steps, (life, _, _) => AssertClose(life.ExpectedElapsed(life.Now), life.Clock.Elapsed(life.Now, Calendar)));

            // And later on, with no more actions: a running clock runs on, a paused or stopped one stands still.
            var at = life.Now + later;
            AssertClose(life.ExpectedElapsed(at), life.Clock.Elapsed(at, Calendar));
            if (life.Paused || life.Clock.StoppedAtUtc is not null)
            {
                Assert.Equal(life.Clock.Elapsed(life.Now, Calendar), life.Clock.Elapsed(at, Calendar));
            }
        }, iter: Walks);
}
