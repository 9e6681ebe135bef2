namespace OnePlace.Analytics.Measures;

/// <summary>The electronic Frailty Index category (Clegg et al., Age and Ageing 2016;45(3):353–360).</summary>
public enum FrailtyCategory
{
    Fit,
    Mild,
    Moderate,
    Severe,
}

/// <summary>
/// The electronic Frailty Index: the share of its 36 equally weighted deficits a person has (Clegg et al. 2016).
/// Categories by the paper's cut-points, fit 0–0.12, mild &gt;0.12–0.24, moderate &gt;0.24–0.36, severe &gt;0.36; since
/// k/36 never equals a cut-point these are counts 0–4, 5–8, 9–12 and 13 or more, which is how they are judged here so
/// that no rounding can move a person across a boundary.
/// </summary>
public static class FrailtyIndex
{
    public const int Deficits = 36;

    /// <summary>The score, deficits present / 36.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 0 or above 36.</exception>
    public static double Score(int deficitsPresent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deficitsPresent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deficitsPresent, Deficits);
        return deficitsPresent / (double)Deficits;
    }

    /// <exception cref="ArgumentOutOfRangeException">The count is below 0 or above 36.</exception>
    public static FrailtyCategory Category(int deficitsPresent)
    {
        Score(deficitsPresent);
        return deficitsPresent switch
        {
            <= 4 => FrailtyCategory.Fit,
            <= 8 => FrailtyCategory.Mild,
            <= 12 => FrailtyCategory.Moderate,
            _ => FrailtyCategory.Severe,
        };
    }
}
