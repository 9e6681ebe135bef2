namespace OnePlace.Synthetic.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021), seeded
/// through SplitMix64 as its authors recommend. Our own implementation, so the output of a seed never changes
/// when .NET changes System.Random. Each person draws from a stream of their own (seed, stream, index), so the
/// population is the same whatever order or thread it is generated in.
/// </summary>
internal sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public SeededRandom(int seed, ulong stream, ulong index) => Reseed(seed, stream, index);

    public void Reseed(int seed, ulong stream, ulong index)
    {
        ulong x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xD1B54A32D192ED03UL) ^ (index * 0xA0761D6478BD642FUL);
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; the bias is below 2^-32 for our sizes).</summary>
    public int Next(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    public int Between(int min, int max) => max <= min ? min : min + Next(max - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Standard normal by Box-Muller (one of the pair; simplicity over speed, it is drawn once a person).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson count: Knuth's product method for small means, a rounded normal approximation above 30.</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal())));
        }

        double limit = Math.Exp(-mean);
        double product = NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>A count of at least one with the given mean (geometric on 1, 2, 3 …).</summary>
    public int AtLeastOne(double mean)
    {
        if (mean <= 1)
        {
            return 1;
        }

        double p = 1.0 / mean;
        return 1 + (int)(Math.Log(1.0 - NextDouble()) / Math.Log(1.0 - p));
    }

    /// <summary>Index drawn in proportion to non-negative weights (their sum must be positive).</summary>
    public int Weighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double target = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
