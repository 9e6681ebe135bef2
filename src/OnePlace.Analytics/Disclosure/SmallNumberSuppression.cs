namespace OnePlace.Analytics.Disclosure;

/// <summary>
/// Small-number suppression for outputs used beyond direct care (PRODUCT.md D3; NHS England's statistical disclosure
/// control, and OpenSAFELY's rule of withholding counts of 7 or fewer): a count from 1 to 7 is withheld (primary
/// suppression), and where a breakdown's total is shown, a breakdown with exactly one withheld count withholds one
/// more, the smallest other count above zero, so that the total less the shown counts cannot give the withheld one
/// back (secondary suppression). Zero is shown: it identifies no one.
/// </summary>
public static class SmallNumberSuppression
{
    /// <summary>The largest count withheld.</summary>
    public const long Largest = 7;

    /// <summary>Whether a count is withheld on its own: 1 to 7.</summary>
    public static bool IsSmall(long count) => count is >= 1 and <= Largest;

    /// <summary>Which counts of one breakdown to withhold.</summary>
    /// <param name="counts">The breakdown's counts (e.g. one per locality), each 0 or more.</param>
    /// <param name="totalShown">Whether the breakdown's total is shown beside it (then one withheld count is not enough).</param>
    /// <returns>A flag per count, in the same order.</returns>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static bool[] Suppress(IReadOnlyList<long> counts, bool totalShown = true)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Suppress(counts, [.. counts.Select(IsSmall)], totalShown);
    }

    /// <summary>Which counts of one breakdown to withhold, when some are withheld for reasons beyond their own size
    /// (a proportion's small denominator): the secondary rule then works from those.</summary>
    /// <param name="counts">The breakdown's counts, each 0 or more.</param>
    /// <param name="primary">The counts already withheld, one flag per count.</param>
    /// <param name="totalShown">Whether the breakdown's total is shown beside it.</param>
    /// <exception cref="ArgumentException">A count is negative, or the flags do not match the counts.</exception>
    public static bool[] Suppress(IReadOnlyList<long> counts, IReadOnlyList<bool> primary, bool totalShown)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(primary);
        if (primary.Count != counts.Count)
        {
            throw new ArgumentException("There must be one flag per count.", nameof(primary));
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Counts must be 0 or more.", nameof(counts));
        }

        var suppressed = primary.ToArray();
        if (totalShown && suppressed.Count(s => s) == 1)
        {
            // The smallest other count above zero; if there is none, the smallest other count (an all-zero rest
            // gives the withheld count away through the total, so it must go too).
            int partner = Enumerable.Range(0, counts.Count).Where(i => !suppressed[i])
                .OrderBy(i => counts[i] == 0 ? 1 : 0).ThenBy(i => counts[i]).ThenBy(i => i)
                .DefaultIfEmpty(-1).First();
            if (partner >= 0)
            {
                suppressed[partner] = true;
            }
        }

        return suppressed;
    }
}
