using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Finance;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.PooledFund;

/// <summary>The ledger's figures and terms in the reader's language.</summary>
public static class PooledFundText
{
    /// <summary>Whole pounds, a minus sign for negatives: "£1,234,567", "−£2,500".</summary>
    public static string Pounds(decimal gbp) =>
        (gbp < 0 ? "−£" : "£") + decimal.Round(Math.Abs(gbp), 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.CurrentCulture);

    /// <summary>Pounds and pence, for the risk share, which is allocated to the penny.</summary>
    public static string Pence(decimal gbp) => (gbp < 0 ? "−£" : "£") + Math.Abs(gbp).ToString("#,0.00", CultureInfo.CurrentCulture);

    /// <summary>A signed variance: "+£1,500" over, "−£300" under.</summary>
    public static string Variance(decimal gbp) => gbp > 0 ? "+" + Pounds(gbp) : Pounds(gbp);

    public static string Percent(decimal share) => share.ToString("0.0%", CultureInfo.CurrentCulture);

    /// <summary>Axis labels in thousands of pounds: "£800k".</summary>
    public static string Thousands(double gbp)
    {
        double thousands = Math.Round(gbp / 1000);
        // A tick a hair below zero would read "£-0k".
        return (thousands < 0 ? "−£" : "£") + Math.Abs(thousands).ToString("#,0", CultureInfo.CurrentCulture) + "k";
    }

    public static string LegalBasis(IStringLocalizer<SharedResource> t, LegalBasis basis) => t["PooledFundBasis_" + basis];

    public static string Rule(IStringLocalizer<SharedResource> t, RiskShareRule rule) => t["PooledFundRule_" + rule];

    /// <summary>The agreement's rule spelled out, with its cap and the partner bearing what is beyond it.</summary>
    public static string RuleInWords(IStringLocalizer<SharedResource> t, PooledFundYear ledger)
    {
        var a = ledger.Agreement;
        if (a.RiskShareRule != RiskShareRule.CappedShare)
        {
            return t["PooledFundRuleWords_" + a.RiskShareRule];
        }

        string bearer = ledger.Partners.FirstOrDefault(p => p.Code == a.CapBearerCode)?.Name ?? a.CapBearerCode ?? "";
        return t[a.CapAppliesToUnderspend ? "PooledFundRuleWords_CappedBoth" : "PooledFundRuleWords_CappedOverspend", Pence(a.RiskShareCapGbp ?? 0m), bearer];
    }
}
