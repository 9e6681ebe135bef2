namespace OnePlace.Planning.Engine;

/// <summary>The level a reported total belongs to.</summary>
public enum Level
{
    System,
    Setting,
    Partner,
    Locality,
    Intervention,
    Bridge,
}

/// <summary>What a reported total measures. Costs and funding are £ at the year's prices; activity is units of the
/// setting; avoided and received are units before any length-of-stay efficiency.</summary>
public enum Measure
{
    Cost,
    Activity,
    Funding,
    Gap,
    Avoided,
    Received,
    CostChange,
}

/// <summary>One reported total, e.g. (Setting, emergency_admission, Cost) or (System, "", Gap).</summary>
public readonly record struct Metric(Level Level, string Key, Measure Measure)
{
    public override string ToString() => Key.Length == 0 ? $"{Level}/{Measure}" : $"{Level}/{Key}/{Measure}";
}

/// <summary>Mean, P10, P50 and P90 of one total in one year, from the per-run totals at that level, and the value of
/// the midpoint run. Percentiles interpolate linearly between order statistics (Hyndman and Fan type 7, numpy's
/// default, which the NHP outputs use).</summary>
public readonly record struct Summary(double Mean, double P10, double P50, double P90, double Midpoint)
{
    public static Summary Of(double[] values, double midpoint)
    {
        if (values.Length == 0)
        {
            return new Summary(midpoint, midpoint, midpoint, midpoint, midpoint);
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        Array.Sort(values);
        return new Summary(sum / values.Length, Quantile(values, 0.1), Quantile(values, 0.5), Quantile(values, 0.9), midpoint);
    }

    /// <summary>The q-quantile of sorted values (type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
