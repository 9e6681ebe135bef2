using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>
/// Adds a scheme to an agreement already made (as a variation of the agreement would), audited. The scheme's rules are
/// the ones an agreement's schemes meet when it is made: a code partners can write in an actuals file, used once; a
/// name; a commissioner who is a partner.
/// </summary>
public sealed class AddScheme(OnePlaceDb db, AuditWriter audit)
{
    public async Task<PooledFundScheme> AddAsync(StaffActor actor, int agreementId, AgreementScheme scheme, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        if (!await db.PooledFundAgreements.AnyAsync(a => a.Id == agreementId, cancellationToken))
        {
            throw new PooledFundChangeException($"There is no agreement {agreementId}.");
        }

        var partners = await db.PooledFundPartners.Where(p => p.AgreementId == agreementId).Select(p => p.OrganisationCode).ToListAsync(cancellationToken);
        var codes = await db.PooledFundSchemes.Where(s => s.AgreementId == agreementId).Select(s => s.Code).ToListAsync(cancellationToken);
        if (Refusal(scheme, partners, codes) is { } refusal)
        {
            throw refusal;
        }

        var added = new PooledFundScheme
        {
            AgreementId = agreementId,
            Code = scheme.Code.Trim(),
            Name = scheme.Name.Trim(),
            InScope = scheme.InScope,
            CommissionerCode = scheme.CommissionerCode,
            ServiceArea = scheme.ServiceArea.Trim(),
        };
        db.PooledFundSchemes.Add(added);
        audit.Add(actor.AuditName, PooledFundAuditAction.SchemeAdded, detail: string.Create(CultureInfo.InvariantCulture,
            $"agreement={agreementId}; scheme={added.Code}; name={added.Name}; in_scope={added.InScope}; commissioner={added.CommissionerCode}"));
        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>What is wrong with <paramref name="scheme"/> beside schemes <paramref name="taken"/> of an agreement of
    /// <paramref name="partners"/>, or null. Codes are compared ignoring case, as the actuals file reads them.</summary>
    /// <summary>The store's column widths (OnePlaceDb): PostgreSQL refuses a longer value, so the use case refuses it first.</summary>
    public const int MaxCodeLength = 40;

    public const int MaxNameLength = 200;

    public static PooledFundChangeException? Refusal(AgreementScheme scheme, IReadOnlyCollection<string> partners, IEnumerable<string> taken) =>
        string.IsNullOrWhiteSpace(scheme.Code) || scheme.Code.Contains(',', StringComparison.Ordinal) || scheme.Code.Length > MaxCodeLength
            ? new($"A scheme code must be non-blank, at most {MaxCodeLength} characters and have no commas", PooledFundProblem.SchemeCodeBad)
        : taken.Contains(scheme.Code.Trim(), StringComparer.OrdinalIgnoreCase) ? new($"Scheme code {scheme.Code} is used twice", PooledFundProblem.SchemeCodeTaken)
        : string.IsNullOrWhiteSpace(scheme.Name) ? new($"Scheme {scheme.Code} needs a name", PooledFundProblem.SchemeNameMissing)
        : scheme.Name.Length > MaxNameLength ? new($"Scheme {scheme.Code}'s name is over {MaxNameLength} characters", PooledFundProblem.SchemeNameTooLong)
        : !partners.Contains(scheme.CommissionerCode) ? new($"Scheme {scheme.Code}'s commissioner {scheme.CommissionerCode} is not a partner", PooledFundProblem.CommissionerNotPartner)
        : null;
}
