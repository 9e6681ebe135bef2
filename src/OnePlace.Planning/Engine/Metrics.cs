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
    /// <summary>Summarises per-run values; reorders <paramref name="values"/> in place.</summary>
    public static Summary Of(Span<double> values, double midpoint)
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

        if (values.Length < 3)
        {
            values.Sort();
            return new Summary(sum / values.Length, Quantile(values, 0.1), Quantile(values, 0.5), Quantile(values, 0.9), midpoint);
        }

        // Selection rather than a full sort: P50 partitions the values, then P10 and P90 are found in each side.
        int n = values.Length - 1;
        double p50 = BySelection(values, 0, 0.5 * n);
        int middle = (int)Math.Floor(0.5 * n);
        double p10 = BySelection(values[..(middle + 1)], 0, 0.1 * n);
        double p90 = BySelection(values[middle..], middle, 0.9 * n);
        return new Summary(sum / values.Length, p10, p50, p90, midpoint);
    }

    /// <summary>The q-quantile of sorted values (type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The type 7 quantile at position <paramref name="h"/> of a whole whose order statistics from
    /// <paramref name="offset"/> on are in <paramref name="part"/>, the rest lying wholly below it.</summary>
    private static double BySelection(Span<double> part, int offset, double h)
    {
        int lo = (int)Math.Floor(h) - offset;
        double low = NthElement(part, lo);
        double fraction = h - Math.Floor(h);
        if (fraction == 0 || lo + 1 >= part.Length)
        {
            return low;
        }

        double high = double.PositiveInfinity;
        foreach (var v in part[(lo + 1)..])
        {
            high = Math.Min(high, v);
        }

        return low + (fraction * (high - low));
    }

    /// <summary>Hoare's selection: puts the k-th smallest value at k, smaller ones before and larger after.</summary>
    private static double NthElement(Span<double> a, int k)
    {
        int left = 0;
        int right = a.Length - 1;
        while (left < right)
        {
            double pivot = a[left + ((right - left) / 2)];
            int i = left;
            int j = right;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return a[k];
    }
}
