using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Organisations;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>A partner as an agreement names it: an organisation's code and name.</summary>
public sealed record AgreementPartner(string Code, string Name);

/// <summary>A scheme as an agreement names it.</summary>
public sealed record AgreementScheme(string Code, string Name, bool InScope, string CommissionerCode, string ServiceArea);

/// <summary>Everything an agreement says when it is made.</summary>
public sealed record AgreementTerms(
    string Name,
    LegalBasis LegalBasis,
    string HostPartnerCode,
    DateOnly StartDate,
    int YearCount,
    IReadOnlyList<AgreementPartner> Partners,
    IReadOnlyList<AgreementScheme> Schemes,
    RiskShareTerms RiskShare,
    string? Description = null);

/// <summary>
/// Makes a pooled fund agreement with its partners, schemes and risk share (PRODUCT.md E1). Partners are the
/// partnership's organisations: one not yet in the organisations table is added as a partner organisation. The
/// agreement and its audit row are saved together.
/// </summary>
public sealed class SetUpAgreement(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<PooledFundAgreement> MakeAsync(StaffActor actor, AgreementTerms terms, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        var partners = terms.Partners.Select(p => p.Code).ToList();
        PooledFundChangeException? refusal =
            string.IsNullOrWhiteSpace(terms.Name) ? new("An agreement needs a name", PooledFundProblem.NameMissing)
            : terms.Name.Length > AddScheme.MaxNameLength ? new($"An agreement's name is at most {AddScheme.MaxNameLength} characters", PooledFundProblem.NameTooLong)
            : partners.Any(string.IsNullOrWhiteSpace) ? new("Every partner needs an organisation code", PooledFundProblem.PartnerCodeMissing)
            : terms.Partners.Count < 2 ? new("An agreement needs at least two partners", PooledFundProblem.TooFewPartners)
            : partners.Distinct(StringComparer.Ordinal).Count() != partners.Count ? new("A partner is named twice", PooledFundProblem.PartnerTwice)
            : !partners.Contains(terms.HostPartnerCode) ? new("The host must be a partner of the agreement", PooledFundProblem.HostNotPartner)
            : terms.YearCount is < 1 or > 10 ? new("An agreement runs for 1 to 10 financial years", PooledFundProblem.YearCountOutOfRange)
            : terms.Schemes.Count == 0 ? new("An agreement needs at least one scheme", PooledFundProblem.NoScheme)
            : terms.Schemes.Select((s, i) => AddScheme.Refusal(s, partners, terms.Schemes.Take(i).Select(t => t.Code))).FirstOrDefault(r => r is not null)
            ?? terms.RiskShare.Refusal(partners);
        if (refusal is not null)
        {
            throw refusal;
        }

        var known = await db.Organisations.Where(o => partners.Contains(o.Code)).Select(o => o.Code).ToListAsync(cancellationToken);
        foreach (var partner in terms.Partners.Where(p => !known.Contains(p.Code)))
        {
            db.Organisations.Add(new Organisation { Code = partner.Code, Name = partner.Name, Kind = OrganisationKind.Partner });
        }

        var agreement = new PooledFundAgreement
        {
            Name = terms.Name.Trim(),
            LegalBasis = terms.LegalBasis,
            HostPartnerCode = terms.HostPartnerCode,
            StartDate = terms.StartDate,
            FirstYear = FinancialYear.Of(terms.StartDate),
            YearCount = terms.YearCount,
            RiskShareRule = terms.RiskShare.Rule,
            RiskShareCapGbp = terms.RiskShare.CapGbp,
            CapBearerCode = terms.RiskShare.CapBearer,
            CapAppliesToUnderspend = terms.RiskShare.CapAppliesToUnderspend,
            Description = terms.Description,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.AuditName,
        };
        db.PooledFundAgreements.Add(agreement);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.PooledFundPartners.AddRange(partners.Select(p => new PooledFundPartner { AgreementId = agreement.Id, OrganisationCode = p }));
        db.PooledFundSchemes.AddRange(terms.Schemes.Select(s => new PooledFundScheme
        {
            AgreementId = agreement.Id,
            Code = s.Code.Trim(),
            Name = s.Name.Trim(),
            InScope = s.InScope,
            CommissionerCode = s.CommissionerCode,
            ServiceArea = s.ServiceArea.Trim(),
        }));
        audit.Add(actor.AuditName, PooledFundAuditAction.AgreementMade, detail: string.Create(CultureInfo.InvariantCulture,
            $"agreement={agreement.Id}; name={agreement.Name}; basis={agreement.LegalBasis}; host={agreement.HostPartnerCode}; partners={string.Join(' ', partners)}; schemes={string.Join(' ', terms.Schemes.Select(s => s.Code))}; {Describe(terms.RiskShare)}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement;
    }

    internal static string Describe(RiskShareTerms terms) => string.Create(CultureInfo.InvariantCulture,
        $"rule={terms.Rule}; cap={terms.CapGbp}; bearer={terms.CapBearer}; underspend_capped={terms.CapAppliesToUnderspend}");
}
