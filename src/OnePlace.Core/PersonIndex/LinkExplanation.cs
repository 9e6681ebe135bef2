using System.Text.Json;
using System.Text.Json.Serialization;
using OnePlace.Linkage;

namespace OnePlace.Core.PersonIndex;

/// <summary>How much one field said for or against two records being the same person, in bits (log2 m/u).</summary>
/// <param name="Field">nhs_number, given_name, family_name, date_of_birth, sex, postcode, address, phone, email.</param>
/// <param name="Level">The comparison level the pair fell in, in words ("exact", "nickname", "missing" …).</param>
public sealed record LinkFieldWeight(string Field, string Level, double Weight);

/// <summary>
/// The explanation kept with a link or a review pair: the pair's total match weight, the prior weight every pair
/// starts from, and each field's contribution (Fellegi and Sunter 1969; the weights add up to the match weight).
/// Stored as JSON in <c>source_records.LinkExplanation</c> and <c>link_review_pairs.Explanation</c>.
/// </summary>
public sealed record LinkExplanation(double MatchWeight, double PriorWeight, IReadOnlyList<LinkFieldWeight> Fields)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static LinkExplanation From(ScoredPair pair) => new(
        Round(pair.MatchWeight),
        Round(pair.PriorWeight),
        [.. pair.Contributions.Select(c => new LinkFieldWeight(c.Field, c.Level, Round(c.Weight)))]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored explanation; null for none or for text that is not one (never throws on a page).</summary>
    public static LinkExplanation? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LinkExplanation>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Three decimals of a bit is far finer than anyone reads, and keeps the stored JSON short.</summary>
    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : value;
}
