using OnePlace.Linkage.Comparison;
using OnePlace.Linkage.Model;

namespace OnePlace.Linkage.Tests.Model;

public sealed class ExpectationMaximisationTests
{
    [Fact]
    public void EM_recovers_the_m_probabilities_and_match_share_of_a_known_mixture()
    {
        // Three fields, agree or disagree, with known m, u and share of matches (a latent class model that is exactly
        // identified); the pattern counts are the expected counts of 1,000,000 pairs, so EM must find the truth.
        int[] fields = [Comparisons.GivenName, Comparisons.FamilyName, Comparisons.DateOfBirth];
        double[] m = [0.90, 0.85, 0.95];
        double[] u = [0.05, 0.02, 0.01];
        const double share = 0.2;
        var counts = new Dictionary<int, long>();
        for (int agree = 0; agree < 8; agree++)
        {
            double pm = share, pu = 1 - share;
            int pattern = 0;
            for (int f = 0; f < 3; f++)
            {
                bool agrees = (agree & (1 << f)) != 0;
                pm *= agrees ? m[f] : 1 - m[f];
                pu *= agrees ? u[f] : 1 - u[f];
                int level = agrees ? Comparisons.Exact : Comparisons.Levels[fields[f]].Length - 1;
                pattern |= level << (fields[f] * Comparisons.BitsPerField);
            }

            counts[pattern] = (long)Math.Round(1_000_000 * (pm + pu));
        }

        var uStart = Comparisons.Levels.Select(levels => Enumerable.Repeat(1.0 / (levels.Length - 1), levels.Length).ToArray()).ToArray();
        var (mFound, shareFound, _, converged) = FellegiSunter.ExpectationMaximisation(counts, uStart);

        Assert.True(converged);
        Assert.Equal(share, shareFound, 3);
        for (int f = 0; f < 3; f++)
        {
            Assert.Equal(m[f], mFound[fields[f]][Comparisons.Exact], 3);
        }
    }
}
