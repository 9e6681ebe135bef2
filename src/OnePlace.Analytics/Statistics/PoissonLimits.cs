using MathNet.Numerics;

namespace OnePlace.Analytics.Statistics;

/// <summary>
/// Confidence limits for an observed count of events treated as Poisson: exact below 10 events, Byar's approximation
/// from 10 (Public Health Technical Guidance; Breslow &amp; Day 1987). Rates, standardised ratios and the DSR's limits
/// are built on these.
/// </summary>
public static class PoissonLimits
{
    /// <summary>Counts from this many events use Byar's approximation; fewer use exact limits.</summary>
    public const double ByarFrom = 10;

    public const string ExactMethod = "Exact";

    public const string ByarMethod = "Byars";

    /// <summary>Exact limits below <see cref="ByarFrom"/> events, Byar's from it.</summary>
    public static (double Lower, double Upper, string Method) For(double observed, double level) =>
        observed < ByarFrom ? With(Exact(observed, level), ExactMethod) : With(Byar(observed, level), ByarMethod);

    /// <summary>
    /// Byar's limits: O(1 − 1/(9O) − z/(3√O))³ and (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³, evaluated as written
    /// because the cube magnifies any rearrangement at small counts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive, or the level is out of range.</exception>
    public static (double Lower, double Upper) Byar(double observed, double level)
    {
        if (!(observed > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(observed), observed, "Byar's limits need a positive count.");
        }

        double z = Confidence.Z(level);
        double lower = observed * Math.Pow(1 - (1 / (9 * observed)) - (z / (3 * Math.Sqrt(observed))), 3);
        double next = observed + 1;
        double upper = next * Math.Pow(1 - (1 / (9 * next)) + (z / (3 * Math.Sqrt(next))), 3);
        return (lower, upper);
    }

    /// <summary>
    /// Exact limits: χ²⁻¹(α/2; 2O)/2 and χ²⁻¹(1 − α/2; 2O + 2)/2, i.e. the means μ at which P(X ≥ O) = α/2 and
    /// P(X ≤ O) = α/2. Found by bisection on the regularised incomplete gamma function to the last bit, since
    /// the library's inverse gamma is unreliable at the edges (mathnet-numerics issues 553, 663).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative, or the level is out of range.</exception>
    public static (double Lower, double Upper) Exact(double observed, double level)
    {
        if (!(observed >= 0) || double.IsInfinity(observed))
        {
            throw new ArgumentOutOfRangeException(nameof(observed), observed, "A count must be 0 or more.");
        }

        Confidence.Check(level);
        double tail = (1 - level) / 2;
        // P(O, μ) rises with μ from 0 to 1; Q(O + 1, μ) falls from 1 to 0.
        double lower = observed == 0 ? 0 : Root(mu => SpecialFunctions.GammaLowerRegularized(observed, mu) - tail, observed);
        double upper = Root(mu => tail - SpecialFunctions.GammaUpperRegularized(observed + 1, mu), observed + 1);
        return (lower, upper);
    }

    /// <summary>The root of an increasing function on (0, ∞), to adjacent doubles.</summary>
    private static double Root(Func<double, double> increasing, double scale)
    {
        double lo = 0;
        double hi = Math.Max(1, 2 * scale);
        while (increasing(hi) < 0)
        {
            lo = hi;
            hi *= 2;
        }

        while (true)
        {
            double mid = lo + ((hi - lo) / 2);
            if (mid <= lo || mid >= hi)
            {
                return Math.Abs(increasing(lo)) <= Math.Abs(increasing(hi)) ? lo : hi;
            }

            if (increasing(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
    }

    private static (double, double, string) With((double Lower, double Upper) limits, string method) => (limits.Lower, limits.Upper, method);
}
