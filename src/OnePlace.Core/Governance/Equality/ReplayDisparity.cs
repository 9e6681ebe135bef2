using OnePlace.Core.Referrals.Triage;

namespace OnePlace.Core.Governance.Equality;

/// <summary>
/// One group of a replay against the rest of its dimension: the share of its referrals the candidate table triages
/// differently (urgency or service) against the share among the dimension's other groups, the two-proportion z
/// statistic and its two-sided p-value.
/// </summary>
/// <param name="IsDisparity">At least <see cref="ReplayDisparity.MinimumDifference"/> apart and p below
/// <see cref="ReplayDisparity.Significance"/>.</param>
public sealed record GroupDisparity(
    string Dimension, string Group, int Referrals, int Changed, int RestReferrals, int RestChanged, double Share, double RestShare,
    double? Z, double? P, bool IsDisparity)
{
    public double Difference => Share - RestShare;

    /// <summary>A group that is not a group of people ("unknown" quintile, age or locality): reported, never alone a reason to flag.</summary>
    public bool IsUnknown => Group == "unknown";
}

/// <summary>
/// Finds the groups a candidate triage table treats differently from the rest (PRODUCT.md B2, F2): for each dimension
/// of a <see cref="ReplayReport"/> (deprivation quintile first, then age band, then locality), each group's share of
/// referrals whose urgency or service changed against the same share in that dimension's other groups. A group is a
/// disparity when the shares differ by at least 5 percentage points (a difference worth a board's attention) and the
/// pooled two-proportion z-test gives a two-sided p below 0.05 (a difference unlikely to be chance), the test of
/// Altman, Practical Statistics for Medical Research (1991), §10.7.2:
/// z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂), p = erfc(|z|/√2).
/// Both thresholds must hold, so a tiny difference in a huge replay and a big one in a handful of referrals are not flags.
/// "unknown" groups are reported but never raise the flag alone: they are missing data, not people who share a characteristic.
/// </summary>
public static class ReplayDisparity
{
    public const double MinimumDifference = 0.05;
    public const double Significance = 0.05;

    /// <summary>The dimensions in the order they are reported; deprivation first, as the socio-economic duty asks.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["deprivation quintile", "age band", "locality"];

    public static IReadOnlyList<GroupDisparity> Of(ReplayReport report)
    {
        var result = new List<GroupDisparity>();
        foreach (var dimension in Dimensions)
        {
            var groups = report.Groups.Where(g => g.Dimension == dimension).ToList();
            int total = groups.Sum(g => g.Referrals), totalChanged = groups.Sum(g => g.Changed);
            foreach (var g in groups)
            {
                int restN = total - g.Referrals, restX = totalChanged - g.Changed;
                double share = g.Referrals == 0 ? 0 : (double)g.Changed / g.Referrals;
                double rest = restN == 0 ? 0 : (double)restX / restN;
                var (z, p) = TwoProportionZ(g.Changed, g.Referrals, restX, restN);
                bool disparity = p is { } pv && pv < Significance && Math.Abs(share - rest) >= MinimumDifference;
                result.Add(new GroupDisparity(dimension, g.Group, g.Referrals, g.Changed, restN, restX, share, rest, z, p, disparity));
            }
        }

        return result;
    }

    /// <summary>The disparities that raise the flag: not the "unknown" groups, deprivation first, then the largest difference.</summary>
    public static IReadOnlyList<GroupDisparity> Flagged(IEnumerable<GroupDisparity> groups) =>
        [.. groups.Where(g => g.IsDisparity && !g.IsUnknown)
            .OrderBy(g => IndexOf(g.Dimension)).ThenByDescending(g => Math.Abs(g.Difference)).ThenBy(g => g.Group, StringComparer.Ordinal)];

    private static int IndexOf(string dimension) => Dimensions.ToList().IndexOf(dimension);

    /// <summary>The pooled two-proportion z statistic and its two-sided p; null when either group is empty or the pooled
    /// share is 0 or 1 (no variation, so no test).</summary>
    public static (double? Z, double? P) TwoProportionZ(int x1, int n1, int x2, int n2)
    {
        if (n1 == 0 || n2 == 0)
        {
            return (null, null);
        }

        double pooled = (double)(x1 + x2) / (n1 + n2);
        double se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        if (se == 0)
        {
            return (null, null);
        }

        double z = (((double)x1 / n1) - ((double)x2 / n2)) / se;
        return (z, Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    /// <summary>The complementary error function by the Chebyshev fit of Press et al., Numerical Recipes in C, 2nd ed.
    /// (1992), §6.2 (<c>erfcc</c>), fractional error below 1.2 × 10⁻⁷ everywhere: ample for a p-value against 0.05.</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        double poly = c[^1];
        for (int i = c.Length - 2; i >= 0; i--)
        {
            poly = c[i] + (t * poly);
        }

        double ans = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }
}
