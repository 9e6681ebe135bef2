using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>
/// Sets a scheme's budget for a financial year and its monthly profile (twelve relative weights, April first; even
/// if none are given), audited with what it was before. With <c>keepProfile</c> and no profile given, a budget already
/// held keeps its profile: changing the amount of a budget on the page must not silently flatten how it falls.
/// </summary>
public sealed class SetSchemeBudget(OnePlaceDb db, AuditWriter audit)
{
    public async Task SetAsync(
        StaffActor actor, int agreementId, string schemeCode, int financialYear, decimal amountGbp, IReadOnlyList<decimal>? profile = null,
        bool keepProfile = false, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        var agreement = await db.PooledFundAgreements.SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken)
            ?? throw new PooledFundChangeException($"There is no agreement {agreementId}.");
        var scheme = await db.PooledFundSchemes.SingleOrDefaultAsync(s => s.AgreementId == agreementId && s.Code == schemeCode, cancellationToken)
            ?? throw new PooledFundChangeException($"The agreement has no scheme {schemeCode}.", PooledFundProblem.NoSuchScheme);
        if (!agreement.Covers(financialYear))
        {
            throw new PooledFundChangeException($"The agreement does not cover {FinancialYear.Label(financialYear)}.", PooledFundProblem.YearNotCovered);
        }

        if (amountGbp < 0 || decimal.Round(amountGbp, 2) != amountGbp)
        {
            throw new PooledFundChangeException("A budget is an amount of £0 or more in pounds and pence.", PooledFundProblem.BudgetNotMoney);
        }

        if (profile is not null && (profile.Count != FinancialYear.Months || profile.Any(w => w < 0) || profile.Sum() == 0))
        {
            throw new PooledFundChangeException("A monthly profile is twelve weights of 0 or more, not all 0, April first.", PooledFundProblem.ProfileBad);
        }

        string? stored = profile is null || profile.Distinct().Count() == 1 ? null : FinancialYear.FormatProfile(profile);
        var budget = await db.SchemeBudgets.SingleOrDefaultAsync(b => b.SchemeId == scheme.Id && b.FinancialYear == financialYear, cancellationToken);
        if (profile is null && keepProfile)
        {
            stored = budget?.Profile;
        }

        string before = budget is null ? "" : $"{budget.AmountGbp.ToString(CultureInfo.InvariantCulture)} profile={budget.Profile ?? "even"}";
        if (budget is null)
        {
            db.SchemeBudgets.Add(new SchemeBudget { SchemeId = scheme.Id, FinancialYear = financialYear, AmountGbp = amountGbp, Profile = stored });
        }
        else
        {
            budget.AmountGbp = amountGbp;
            budget.Profile = stored;
        }

        audit.Add(actor.AuditName, PooledFundAuditAction.BudgetSet, detail: string.Create(CultureInfo.InvariantCulture,
            $"agreement={agreementId}; scheme={schemeCode}; year={FinancialYear.Label(financialYear)}; before={before}; after={amountGbp} profile={stored ?? "even"}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The budget of each month (April first), split by the profile to the penny.</summary>
    public static IReadOnlyList<decimal> Monthly(decimal annualGbp, string? profile)
    {
        var weights = FinancialYear.ParseProfile(profile);
        var split = PennyAllocation.Split(PennyAllocation.ToPence(annualGbp),
            [.. weights.Select((w, i) => new KeyValuePair<string, decimal>((i + 1).ToString("00", CultureInfo.InvariantCulture), w))]);
        return [.. Enumerable.Range(1, FinancialYear.Months).Select(m => PennyAllocation.ToPounds(split[m.ToString("00", CultureInfo.InvariantCulture)]))];
    }
}
