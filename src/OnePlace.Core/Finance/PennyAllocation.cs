namespace OnePlace.Core.Finance;

/// <summary>
/// Splits a sum of money in proportion to weights so that the parts add up to the sum exactly, to the penny. The
/// largest remainder (Hamilton) method: each part is first rounded down to whole pence; the pence left over go one
/// each to the parts with the largest remainders, ties to the earlier key in ordinal order, so that the same inputs
/// always give the same split (docs/adr/0016).
/// </summary>
public static class PennyAllocation
{
    /// <summary>Splits <paramref name="totalPence"/> by <paramref name="weights"/>; all weights zero split it evenly. A
    /// negative sum is split as its size and given back negative, so an underspend falls exactly as an overspend would.</summary>
    public static IReadOnlyDictionary<string, long> Split(long totalPence, IReadOnlyList<KeyValuePair<string, decimal>> weights)
    {
        if (weights.Count == 0)
        {
            return totalPence == 0 ? new Dictionary<string, long>() : throw new ArgumentException("Money cannot be split among no one.", nameof(weights));
        }

        if (weights.Any(w => w.Value < 0))
        {
            throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        }

        var ordered = weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        decimal sum = ordered.Sum(w => w.Value);
        if (sum == 0)
        {
            ordered = [.. ordered.Select(w => new KeyValuePair<string, decimal>(w.Key, 1m))];
            sum = ordered.Count;
        }

        long size = Math.Abs(totalPence);
        int sign = Math.Sign(totalPence);
        var parts = new List<(string Key, long Pence, decimal Remainder, int Order)>(ordered.Count);
        for (int i = 0; i < ordered.Count; i++)
        {
            decimal exact = size * ordered[i].Value / sum;
            long whole = (long)decimal.Floor(exact);
            parts.Add((ordered[i].Key, whole, exact - whole, i));
        }

        long left = size - parts.Sum(p => p.Pence);
        var byRemainder = parts.OrderByDescending(p => p.Remainder).ThenBy(p => p.Order).Take((int)left).Select(p => p.Order).ToHashSet();
        return parts.ToDictionary(p => p.Key, p => sign * (p.Pence + (byRemainder.Contains(p.Order) ? 1 : 0)), StringComparer.Ordinal);
    }

    public static long ToPence(decimal gbp) => (long)decimal.Round(gbp * 100m, MidpointRounding.AwayFromZero);

    public static decimal ToPounds(long pence) => pence / 100m;
}
