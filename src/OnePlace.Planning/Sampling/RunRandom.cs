namespace OnePlace.Planning.Sampling;

/// <summary>
/// The random numbers of one Monte Carlo run: xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64 from
/// the master seed and the run's number. A run's numbers depend on nothing but those two, so results are identical
/// whatever the number of threads or the order runs are scheduled in (D_demand_finance §4.1 principle 6).
/// </summary>
public struct RunRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    public RunRandom(ulong masterSeed, int run)
    {
        // SplitMix64 from a start that mixes the master seed with the run number: distinct runs get unrelated states.
        ulong state = masterSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(run + 1));
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
        _spare = 0;
        _hasSpare = false;
    }

    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on (0, 1): the top 53 bits, never exactly 0.</summary>
    public double NextDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (Box–Muller, both values used in turn).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double radius = Math.Sqrt(-2.0 * Math.Log(NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>A draw from an 80% interval (NHP method), clamped to [min, max].</summary>
    public double Draw(Interval interval, double min, double max) =>
        interval.IsFixed ? Math.Clamp(interval.Low, min, max) : interval.At(NextNormal(), min, max);

    /// <summary>An index drawn with the given weights (the NHP's categorical draw of a population variant).</summary>
    public int Choose(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
