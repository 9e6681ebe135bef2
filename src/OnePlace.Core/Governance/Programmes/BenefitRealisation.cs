namespace OnePlace.Core.Governance.Programmes;

public enum RealisationStatus
{
    /// <summary>The indicator has no value from the last framework run.</summary>
    NoData,

    /// <summary>At or beyond the target.</summary>
    Achieved,

    /// <summary>At or beyond where a straight line from baseline to target says it should be by now.</summary>
    OnTrack,

    /// <summary>Short of that line.</summary>
    Behind,
}

/// <param name="Progress">How far from baseline to target the latest value has come (0 at baseline, 1 at target; may be negative or above 1).</param>
/// <param name="Expected">Where the straight line from baseline (at its date) to target (at its date) stands on <c>asOf</c>.</param>
public sealed record Realisation(RealisationStatus Status, double? Latest, double? Progress, double Expected);

/// <summary>
/// A benefit's realisation read from its indicator (PRODUCT.md F3): the latest value against the straight line from the
/// baseline to the target, the trajectory programme boards track benefits by. The direction of improvement is the sign
/// of target − baseline, so a benefit may promise a fall (admissions) or a rise (people still at home).
/// </summary>
public static class BenefitRealisation
{
    public static Realisation Of(Benefit benefit, IndicatorReading? reading, DateOnly asOf)
    {
        double span = benefit.Target - benefit.Baseline;
        double elapsed = benefit.TargetDate <= benefit.BaselineDate ? 1
            : Math.Clamp((asOf.DayNumber - benefit.BaselineDate.DayNumber) / (double)(benefit.TargetDate.DayNumber - benefit.BaselineDate.DayNumber), 0, 1);
        double expected = benefit.Baseline + (span * elapsed);
        if (reading?.Latest is not { } latest)
        {
            return new Realisation(RealisationStatus.NoData, null, null, expected);
        }

        double? progress = span == 0 ? null : (latest - benefit.Baseline) / span;
        int direction = Math.Sign(span);
        var status = direction == 0 || (latest - benefit.Target) * direction >= 0 ? RealisationStatus.Achieved
            : (latest - expected) * direction >= 0 ? RealisationStatus.OnTrack
            : RealisationStatus.Behind;
        return new Realisation(status, latest, progress, expected);
    }
}
