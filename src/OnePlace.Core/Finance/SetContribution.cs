using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>Sets what a partner pays into the pool in a financial year, audited with what it was before.</summary>
public sealed class SetContribution(OnePlaceDb db, AuditWriter audit)
{
    public async Task SetAsync(StaffActor actor, int agreementId, string partnerCode, int financialYear, decimal amountGbp, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        var agreement = await db.PooledFundAgreements.SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken)
            ?? throw new PooledFundChangeException($"There is no agreement {agreementId}.");
        if (!await db.PooledFundPartners.AnyAsync(p => p.AgreementId == agreementId && p.OrganisationCode == partnerCode, cancellationToken))
        {
            throw new PooledFundChangeException($"{partnerCode} is not a partner of the agreement.", PooledFundProblem.NotPartner);
        }

        if (!agreement.Covers(financialYear))
        {
            throw new PooledFundChangeException($"The agreement does not cover {FinancialYear.Label(financialYear)}.", PooledFundProblem.YearNotCovered);
        }

        if (amountGbp < 0 || decimal.Round(amountGbp, 2) != amountGbp)
        {
            throw new PooledFundChangeException("A contribution is an amount of £0 or more in pounds and pence.", PooledFundProblem.ContributionNotMoney);
        }

        var contribution = await db.PooledFundContributions.SingleOrDefaultAsync(
            c => c.AgreementId == agreementId && c.OrganisationCode == partnerCode && c.FinancialYear == financialYear, cancellationToken);
        decimal? before = contribution?.AmountGbp;
        if (contribution is null)
        {
            db.PooledFundContributions.Add(new PooledFundContribution { AgreementId = agreementId, OrganisationCode = partnerCode, FinancialYear = financialYear, AmountGbp = amountGbp });
        }
        else
        {
            contribution.AmountGbp = amountGbp;
        }

        audit.Add(actor.AuditName, PooledFundAuditAction.ContributionSet, detail: string.Create(CultureInfo.InvariantCulture,
            $"agreement={agreementId}; partner={partnerCode}; year={FinancialYear.Label(financialYear)}; before={before}; after={amountGbp}"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
