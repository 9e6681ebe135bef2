namespace OnePlace.Core.Referrals.Clocks;

/// <summary>A clock's target and whether it counts every hour (24/7) or working days only.</summary>
public sealed record ClockDefinition(string Urgency, TimeSpan Target, bool WorkingDaysOnly)
{
    private static readonly ClockDefinition Crisis2Hour =
        new(Clocks.Urgency.Crisis2Hour, TimeSpan.FromHours(2), WorkingDaysOnly: false);

    private static readonly ClockDefinition TwoDay =
        new(Clocks.Urgency.TwoDay, TimeSpan.FromHours(48), WorkingDaysOnly: false);

    // Ten working days of 24 counted hours each. Every working day has exactly 24 hours: the clocks change
    // on Sundays (Summer Time Order 2002), which are never working days.
    private static readonly ClockDefinition Routine =
        new(Clocks.Urgency.Routine, TimeSpan.FromDays(10), WorkingDaysOnly: true);

    /// <summary>
    /// The clock for an urgency code. <c>crisis_2h</c> is NHS England's Urgent Community Response 2-hour
    /// standard and <c>two_day</c> its 2-day reablement standard; both run around the clock because the
    /// services they measure do. <c>routine</c> is a local standard of 10 working days.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not one of <see cref="Clocks.Urgency.All"/>.</exception>
    public static ClockDefinition For(string urgency) => urgency switch
    {
        Clocks.Urgency.Crisis2Hour => Crisis2Hour,
        Clocks.Urgency.TwoDay => TwoDay,
        Clocks.Urgency.Routine => Routine,
        _ => throw new ArgumentException(
            $"Unknown urgency '{urgency}'; expected one of {string.Join(", ", Clocks.Urgency.All)}.", nameof(urgency)),
    };
}
