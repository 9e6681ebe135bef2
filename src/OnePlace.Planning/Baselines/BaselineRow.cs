namespace OnePlace.Planning.Baselines;

/// <summary>
/// One row of a baseline: a cell (locality × age band × sex × deprivation quintile) and a setting, with its activity
/// in the baseline year and their total cost at that year's prices (docs/scenarios.md, "Baseline"). The analytical
/// store writes these with <c>oneplace scenario baseline</c>.
/// </summary>
public sealed record BaselineRow(string Locality, string AgeBand, string Sex, string DeprivationQuintile, string Setting, double Activity, double CostGbp)
{
    /// <summary>The lower age of a band written <c>A-B</c> or <c>A+</c>, or null when it is neither.</summary>
    public static int? LowerAge(string band)
    {
        var text = band.Trim();
        int end = text.IndexOfAny(['-', '+']);
        if (end <= 0 || (text[end] == '+' && end != text.Length - 1))
        {
            return null;
        }

        if (!int.TryParse(text.AsSpan(0, end), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int lower))
        {
            return null;
        }

        if (text[end] == '-' && (!int.TryParse(text.AsSpan(end + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int upper) || upper < lower))
        {
            return null;
        }

        return lower;
    }
}
