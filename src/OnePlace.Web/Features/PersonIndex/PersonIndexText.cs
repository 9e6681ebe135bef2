using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.PersonIndex;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.PersonIndex;

/// <summary>How the person index's explanations are written on screen, in the reader's language.</summary>
public static class PersonIndexText
{
    /// <summary>The comparison levels the linker reports, by the resource key of their words.</summary>
    private static readonly Dictionary<string, string> LevelKeys = new(StringComparer.Ordinal)
    {
        ["exact"] = "LinkLevel_Exact",
        ["same"] = "LinkLevel_Exact",
        ["different"] = "LinkLevel_Different",
        ["missing"] = "LinkLevel_Missing",
        ["nickname"] = "LinkLevel_Nickname",
        ["initial only"] = "LinkLevel_InitialOnly",
        ["one character different"] = "LinkLevel_OneCharacter",
        ["one digit different"] = "LinkLevel_OneDigit",
        ["Jaro-Winkler ≥ 0.92"] = "LinkLevel_VerySimilar",
        ["Jaro-Winkler ≥ 0.80"] = "LinkLevel_Similar",
        ["swapped with family name"] = "LinkLevel_Swapped",
        ["swapped with given name"] = "LinkLevel_Swapped",
        ["day and month transposed"] = "LinkLevel_DayMonthSwapped",
        ["same month and year"] = "LinkLevel_SameMonthYear",
        ["within a year"] = "LinkLevel_WithinYear",
        ["same sector"] = "LinkLevel_SameSector",
        ["same district"] = "LinkLevel_SameDistrict",
        ["same area"] = "LinkLevel_SameArea",
        ["most words in common"] = "LinkLevel_MostWords",
        ["one part in common"] = "LinkLevel_OnePart",
    };

    /// <summary>A field's name in words ("Date of birth"); the linker's own name if it is one we do not know.</summary>
    public static string Field(string field, IStringLocalizer<SharedResource> t) => Lookup(t, "LinkField_" + field, field);

    /// <summary>A comparison level in words, with the linker's own wording kept in brackets when it is technical.</summary>
    public static string Level(string level, IStringLocalizer<SharedResource> t) =>
        LevelKeys.TryGetValue(level, out var key) ? Lookup(t, key, level) : level;

    /// <summary>A match weight in bits, signed ("+6.20", "−3.10"): positive for, negative against.</summary>
    public static string Weight(double bits) =>
        bits.ToString("+0.00;\u22120.00;0.00", CultureInfo.CurrentCulture);

    /// <summary>A probability as a percentage; very near certainty is "more than 99.9%" rather than a rounded 100%.</summary>
    public static string Probability(double probability, IStringLocalizer<SharedResource> t) =>
        probability >= 0.9995
            ? t["ProbabilityAbove", 0.999.ToString("0.0%", CultureInfo.CurrentCulture)]
            : probability.ToString("0.0%", CultureInfo.CurrentCulture);

    public static string DateTime(DateTime utc) =>
        utc.ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>The explanation's fields, strongest evidence first (for or against).</summary>
    public static IEnumerable<LinkFieldWeight> Strongest(LinkExplanation explanation) =>
        explanation.Fields.OrderByDescending(f => Math.Abs(f.Weight)).ThenBy(f => f.Field, StringComparer.Ordinal);

    private static string Lookup(IStringLocalizer<SharedResource> t, string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
