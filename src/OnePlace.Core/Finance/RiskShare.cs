namespace OnePlace.Core.Finance;

/// <summary>The terms of an agreement's risk share.</summary>
/// <param name="CapGbp">For <see cref="RiskShareRule.CappedShare"/>: how much variance is shared in proportion to contributions.</param>
/// <param name="CapBearer">For <see cref="RiskShareRule.CappedShare"/>: the partner bearing variance beyond the cap.</param>
/// <param name="CapAppliesToUnderspend">Whether an underspend is capped too; if not, it is all shared in proportion.</param>
public sealed record RiskShareTerms(RiskShareRule Rule, decimal? CapGbp = null, string? CapBearer = null, bool CapAppliesToUnderspend = false)
{
    public static RiskShareTerms Of(PooledFundAgreement agreement) =>
        new(agreement.RiskShareRule, agreement.RiskShareCapGbp, agreement.CapBearerCode, agreement.CapAppliesToUnderspend);

    /// <summary>What is wrong with the terms, or null if they can be applied to partners <paramref name="partners"/>.</summary>
    public string? Problem(IReadOnlyCollection<string> partners) => Refusal(partners)?.Message;

    /// <summary>What is wrong with the terms, as the refusal a use case throws; null if they can be applied.</summary>
    public PooledFundChangeException? Refusal(IReadOnlyCollection<string> partners) => Rule switch
    {
        RiskShareRule.CappedShare when CapGbp is not { } cap || cap < 0 || decimal.Round(cap, 2) != cap =>
            new("A capped share needs a cap of £0 or more in pounds and pence", PooledFundProblem.CapMissing),
        RiskShareRule.CappedShare when CapBearer is null || !partners.Contains(CapBearer) =>
            new("A capped share needs a partner of the agreement to bear variance beyond the cap", PooledFundProblem.CapBearerNotPartner),
        not RiskShareRule.CappedShare when CapGbp is not null || CapBearer is not null =>
            new("Only a capped share has a cap and a partner bearing what is beyond it", PooledFundProblem.CapWithoutCappedRule),
        _ => null,
    };
}

/// <summary>One partner's part of the pool's variance: the part shared by the rule, the part beyond a cap, and both.</summary>
public sealed record RiskShareAllocation(string PartnerCode, decimal SharedGbp, decimal BeyondCapGbp)
{
    public decimal TotalGbp => SharedGbp + BeyondCapGbp;
}

/// <summary>
/// Allocates the pool's forecast variance (forecast outturn − budget of the in-scope schemes; positive is an overspend)
/// among the partners by the agreement's rule (docs/adr/0016). Pure computation; every allocation is in whole pence and
/// the allocations add up to the pool's variance exactly.
/// </summary>
public static class RiskShare
{
    /// <param name="poolVarianceGbp">The variance of the in-scope schemes.</param>
    /// <param name="contributions">Each partner's contribution for the year (every partner of the agreement, zero if none).</param>
    /// <param name="commissionedVariance">Each partner's in-scope schemes' variance (for <see cref="RiskShareRule.ByCommissioner"/>);
    /// they add up to <paramref name="poolVarianceGbp"/>.</param>
    public static IReadOnlyList<RiskShareAllocation> Allocate(
        RiskShareTerms terms,
        decimal poolVarianceGbp,
        IReadOnlyDictionary<string, decimal> contributions,
        IReadOnlyDictionary<string, decimal> commissionedVariance)
    {
        if (terms.Problem([.. contributions.Keys]) is { } problem)
        {
            throw new ArgumentException(problem, nameof(terms));
        }

        long variance = PennyAllocation.ToPence(poolVarianceGbp);
        var weights = contributions.Select(c => new KeyValuePair<string, decimal>(c.Key, Math.Max(0m, c.Value))).ToList();
        var beyond = contributions.Keys.ToDictionary(k => k, _ => 0L, StringComparer.Ordinal);
        IReadOnlyDictionary<string, long> shared;
        switch (terms.Rule)
        {
            case RiskShareRule.ProRata:
                shared = PennyAllocation.Split(variance, weights);
                break;
            case RiskShareRule.ByCommissioner:
                var own = contributions.Keys.ToDictionary(k => k, k => PennyAllocation.ToPence(commissionedVariance.GetValueOrDefault(k)), StringComparer.Ordinal);
                if (own.Values.Sum() != variance)
                {
                    throw new ArgumentException("The partners' commissioned variances do not add up to the pool's variance.", nameof(commissionedVariance));
                }

                shared = own;
                break;
            default:
                long cap = PennyAllocation.ToPence(terms.CapGbp!.Value);
                bool capped = variance > 0 || terms.CapAppliesToUnderspend;
                long inside = capped ? Math.Sign(variance) * Math.Min(Math.Abs(variance), cap) : variance;
                shared = PennyAllocation.Split(inside, weights);
                beyond[terms.CapBearer!] = variance - inside;
                break;
        }

        return [.. contributions.Keys.Order(StringComparer.Ordinal).Select(k => new RiskShareAllocation(
            k, PennyAllocation.ToPounds(shared.GetValueOrDefault(k)), PennyAllocation.ToPounds(beyond[k])))];
    }
}
