namespace OnePlace.Core.Referrals.Clocks;

/// <summary>The urgency codes a referral's clock can run to.</summary>
public static class Urgency
{
    /// <summary>NHS England Urgent Community Response: seen within 2 hours.</summary>
    public const string Crisis2Hour = "crisis_2h";

    /// <summary>NHS England Urgent Community Response: reablement care within 2 days.</summary>
    public const string TwoDay = "two_day";

    /// <summary>The partnership's local standard for routine referrals: 10 working days.</summary>
    public const string Routine = "routine";

    public static readonly IReadOnlyList<string> All = [Crisis2Hour, TwoDay, Routine];

    /// <summary>Whether <paramref name="code"/> is one of <see cref="All"/> (exact, case-sensitive: codes are stored as they are).</summary>
    public static bool IsKnown(string code) =>
        code is Crisis2Hour or TwoDay or Routine;
}
