namespace OnePlace.Synthetic.Profiles;

/// <summary>
/// Single years of age from the four published bands. Within a band the spread is an assumption: flat to 64,
/// falling by 45% across 65–84 and by 15% a year from 85 to 104 (survival), which reproduces the band totals exactly.
/// </summary>
internal sealed class AgeStructure
{
    public const int OldestAge = 104;

    private readonly double[] cumulative = new double[OldestAge + 1];

    public AgeStructure(AgeBands bands)
    {
        Weights = new double[OldestAge + 1];
        Spread(0, 17, bands.Age0To17, _ => 1.0);
        Spread(18, 64, bands.Age18To64, _ => 1.0);
        Spread(65, 84, bands.Age65To84, a => 1.0 - (0.45 * (a - 65) / 19.0));
        Spread(85, OldestAge, bands.Age85Plus, a => Math.Pow(0.85, a - 85));

        double total = bands.Total;
        double running = 0;
        for (int a = 0; a <= OldestAge; a++)
        {
            Weights[a] /= total;
            running += Weights[a];
            cumulative[a] = running;
        }

        cumulative[OldestAge] = 1.0;
    }

    /// <summary>Share of the population at each single year of age (sums to 1).</summary>
    public double[] Weights { get; }

    private void Spread(int from, int to, int count, Func<int, double> shape)
    {
        double sum = 0;
        for (int a = from; a <= to; a++)
        {
            sum += shape(a);
        }

        for (int a = from; a <= to; a++)
        {
            Weights[a] = count * shape(a) / sum;
        }
    }

    public int Sample(double u)
    {
        int lo = 0;
        int hi = OldestAge;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// Share of males at an age: an assumption close to ONS mid-year estimates (slightly more boys, more women
    /// among the old because women live longer).
    /// </summary>
    public static double MaleShare(int age) => age switch
    {
        < 18 => 0.512,
        < 65 => 0.497,
        < 85 => 0.47,
        _ => 0.36,
    };
}
