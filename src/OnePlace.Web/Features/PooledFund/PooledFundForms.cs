using System.Globalization;
using OnePlace.Core.Finance;

namespace OnePlace.Web.Features.PooledFund;

/// <summary>
/// The ledger's forms as posted: every field as the finance lead typed it (strings, so that what was typed is shown
/// back with its error). The forms read numbers; the rules are the use cases' own, and a refusal's
/// <see cref="PooledFundProblem"/> says which field to mark (<see cref="PooledFundForms.FieldOf"/>).
/// </summary>
public static class PooledFundForms
{
    /// <summary>Other partners the set-up form has rows for, beside the host; blank rows are left out.</summary>
    public const int OtherPartnerRows = 3;

    /// <summary>
    /// The id of the input a refusal is about on the form whose inputs start <paramref name="prefix"/>. A problem no
    /// field of the form can cause (another finance lead removed what the form named) falls on the form's first field.
    /// </summary>
    public static string FieldOf(string prefix, PooledFundProblem problem, string firstField) => prefix + "-" + (problem switch
    {
        PooledFundProblem.NameMissing or PooledFundProblem.NameTooLong => "name",
        PooledFundProblem.PartnerCodeMissing or PooledFundProblem.TooFewPartners or PooledFundProblem.PartnerTwice => "partner-1-code",
        PooledFundProblem.HostNotPartner => "host-code",
        PooledFundProblem.YearCountOutOfRange => "years",
        PooledFundProblem.NoScheme or PooledFundProblem.SchemeCodeBad or PooledFundProblem.SchemeCodeTaken => "scheme-code",
        PooledFundProblem.SchemeNameMissing or PooledFundProblem.SchemeNameTooLong => "scheme-name",
        PooledFundProblem.CommissionerNotPartner => "scheme-commissioner",
        PooledFundProblem.NotPartner => "partner",
        PooledFundProblem.NoSuchScheme => "scheme",
        PooledFundProblem.YearNotCovered => "year",
        PooledFundProblem.ContributionNotMoney or PooledFundProblem.BudgetNotMoney => "amount",
        PooledFundProblem.ProfileBad => "profile",
        PooledFundProblem.CapMissing => "cap",
        PooledFundProblem.CapBearerNotPartner => "bearer",
        PooledFundProblem.CapWithoutCappedRule => "rule",
        _ => firstField,
    });

    /// <summary>The resource key of the words for a refusal.</summary>
    public static string MessageKey(PooledFundProblem problem) => "PooledFundProblem_" + problem;

    /// <summary>Pounds and pence as a finance lead types them: "1250000", "1,250,000.00", "£1,250,000".</summary>
    public static decimal? Money(string? typed)
    {
        var text = typed?.Trim().Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static int? Whole(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Twelve weights separated by spaces (or commas), April first; null if blank, and an empty list if not
    /// numbers, which the use case refuses as a profile.</summary>
    public static IReadOnlyList<decimal>? Profile(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var parts = typed.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var weights = parts.Select(p => decimal.TryParse(p, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w) ? w : (decimal?)null).ToList();
        return weights.Any(w => w is null) ? [] : [.. weights.Select(w => w!.Value)];
    }

    public static string Amount(decimal gbp) => gbp.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>The set-up form: the agreement, its host and other partners, its first scheme. The risk share starts pro
/// rata and is changed on the agreement's change page.</summary>
public sealed class AgreementForm
{
    public string? Name { get; set; }
    public string? Basis { get; set; }
    public string? FirstYear { get; set; }
    public string? Years { get; set; }
    public string? HostCode { get; set; }
    public string? HostName { get; set; }
    public string?[] PartnerCode { get; set; } = new string?[PooledFundForms.OtherPartnerRows];
    public string?[] PartnerName { get; set; } = new string?[PooledFundForms.OtherPartnerRows];
    public string? SchemeCode { get; set; }
    public string? SchemeName { get; set; }
    public string? SchemeArea { get; set; }
    public string? SchemeScope { get; set; }
    public string? SchemeCommissioner { get; set; }
    public string? Description { get; set; }

    public LegalBasis LegalBasis => Enum.TryParse<LegalBasis>(Basis, out var basis) && Enum.IsDefined(basis) ? basis : LegalBasis.Section75England;

    /// <summary>The partners as the agreement names them, host first; rows left blank are not partners.</summary>
    public IReadOnlyList<AgreementPartner> Partners()
    {
        var partners = new List<AgreementPartner> { Partner(HostCode, HostName) };
        for (int i = 0; i < PooledFundForms.OtherPartnerRows; i++)
        {
            string? code = PartnerCode.ElementAtOrDefault(i);
            string? name = PartnerName.ElementAtOrDefault(i);
            if (!string.IsNullOrWhiteSpace(code) || !string.IsNullOrWhiteSpace(name))
            {
                partners.Add(Partner(code, name));
            }
        }

        return partners;
    }

    public AgreementScheme Scheme() => new(SchemeCode ?? "", SchemeName ?? "", SchemeScope != "out", (SchemeCommissioner ?? "").Trim(), SchemeArea ?? "");

    // A partner with no name typed is named by its code; the organisations table keeps whatever name it already has.
    private static AgreementPartner Partner(string? code, string? name) =>
        new((code ?? "").Trim(), string.IsNullOrWhiteSpace(name) ? (code ?? "").Trim() : name.Trim());
}

public sealed class ContributionForm
{
    public string? Partner { get; set; }
    public string? Year { get; set; }
    public string? Amount { get; set; }
}

public sealed class BudgetForm
{
    public string? Scheme { get; set; }
    public string? Year { get; set; }
    public string? Amount { get; set; }
    public string? Profile { get; set; }
}

public sealed class SchemeForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Area { get; set; }
    public string? Scope { get; set; }
    public string? Commissioner { get; set; }

    public AgreementScheme Scheme() => new(Code ?? "", Name ?? "", Scope != "out", Commissioner ?? "", Area ?? "");
}

public sealed class RiskShareForm
{
    public string? Rule { get; set; }
    public string? Cap { get; set; }
    public string? Bearer { get; set; }
    public string? Underspend { get; set; }

    public RiskShareRule RiskShareRule => Enum.TryParse<RiskShareRule>(Rule, out var rule) && Enum.IsDefined(rule) ? rule : RiskShareRule.ProRata;

    /// <summary>The terms as posted. The cap, its bearer and the underspend sit under the capped option, so they are
    /// sent only with it: a cap left typed there when another rule is chosen is not a choice the finance lead made.</summary>
    public RiskShareTerms Terms(decimal? cap) => RiskShareRule == RiskShareRule.CappedShare
        ? new RiskShareTerms(RiskShareRule.CappedShare, cap, string.IsNullOrWhiteSpace(Bearer) ? null : Bearer, Underspend == "yes")
        : new RiskShareTerms(RiskShareRule);

    public static RiskShareForm Of(PooledFundAgreement agreement) => new()
    {
        Rule = agreement.RiskShareRule.ToString(),
        Cap = agreement.RiskShareCapGbp is { } cap ? PooledFundForms.Amount(cap) : null,
        Bearer = agreement.CapBearerCode,
        Underspend = agreement.CapAppliesToUnderspend ? "yes" : null,
    };
}
