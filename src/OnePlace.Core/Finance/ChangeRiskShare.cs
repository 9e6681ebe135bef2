using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>Changes an agreement's risk-share rule (as a variation of the agreement would), audited with the rule before.</summary>
public sealed class ChangeRiskShare(OnePlaceDb db, AuditWriter audit)
{
    public async Task ChangeAsync(StaffActor actor, int agreementId, RiskShareTerms terms, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        var agreement = await db.PooledFundAgreements.SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken)
            ?? throw new PooledFundChangeException($"There is no agreement {agreementId}.");
        var partners = await db.PooledFundPartners.Where(p => p.AgreementId == agreementId).Select(p => p.OrganisationCode).ToListAsync(cancellationToken);
        if (terms.Refusal(partners) is { } refusal)
        {
            throw refusal;
        }

        string before = SetUpAgreement.Describe(RiskShareTerms.Of(agreement));
        agreement.RiskShareRule = terms.Rule;
        agreement.RiskShareCapGbp = terms.CapGbp;
        agreement.CapBearerCode = terms.CapBearer;
        agreement.CapAppliesToUnderspend = terms.CapAppliesToUnderspend;
        audit.Add(actor.AuditName, PooledFundAuditAction.RiskShareChanged,
            detail: $"agreement={agreementId}; before: {before}; after: {SetUpAgreement.Describe(terms)}");
        await db.SaveChangesAsync(cancellationToken);
    }
}
