using System.Globalization;
using OnePlace.Analytics.Indicators;

namespace OnePlace.Web.Features.Outcomes;

/// <summary>How the dashboards write figures: one decimal place (as Fingertips shows rates and percentages), the
/// unit beside, withheld figures said in words.</summary>
public static class OutcomesText
{
    public static string Number(double? value) => value is { } v ? v.ToString("#,0.0", CultureInfo.CurrentCulture) : "–";

    public static string Count(double? value) => value is { } v ? v.ToString("#,0", CultureInfo.CurrentCulture) : "–";

    public static string Interval(double? lower, double? upper) =>
        lower is { } l && upper is { } u ? $"{Number(l)} to {Number(u)}" : "–";

    public static string Period(DateOnly start, DateOnly end, PeriodKind kind) => kind == PeriodKind.Month
        ? start.ToString("MMM yyyy", CultureInfo.CurrentCulture)
        : $"{start.ToString("MMM yyyy", CultureInfo.CurrentCulture)} to {end.ToString("MMM yyyy", CultureInfo.CurrentCulture)}";

    /// <summary>The NHS.UK tag colour of a RAG rating.</summary>
    public static string RagTag(string rag) => rag switch
    {
        "Green" => "nhsuk-tag--green",
        "Amber" => "nhsuk-tag--yellow",
        "Red" => "nhsuk-tag--red",
        _ => "nhsuk-tag--grey",
    };

    /// <summary>The Making Data Count colours: blue improvement, orange concern, purple neutral special cause, grey
    /// common cause.</summary>
    public static string VariationColour(string? variation) => variation switch
    {
        "SpecialCauseImprovement" => "#005eb8",
        "SpecialCauseConcern" => "#ed8b00",
        "SpecialCauseNeutralHigh" or "SpecialCauseNeutralLow" => "#6a1b9a",
        _ => "#768692",
    };

    public static string VariationTag(string? variation) => variation switch
    {
        "SpecialCauseImprovement" => "nhsuk-tag--blue",
        "SpecialCauseConcern" => "nhsuk-tag--orange",
        "SpecialCauseNeutralHigh" or "SpecialCauseNeutralLow" => "nhsuk-tag--purple",
        _ => "nhsuk-tag--grey",
    };
}
