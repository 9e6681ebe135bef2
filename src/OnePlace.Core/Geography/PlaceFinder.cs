namespace OnePlace.Core.Geography;

/// <summary>
/// Where a person lives, from their postcode (postcode → small area → locality) or, failing that, from their GP
/// practice's locality. Used wherever a person's details are set from a record: the import and the person index.
/// </summary>
internal sealed class PlaceFinder
{
    private readonly Dictionary<string, string> _postcodeArea = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _areaLocality = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _practiceLocality = new(StringComparer.Ordinal);

    public void AddPostcode(string postcode, string smallArea) => _postcodeArea.TryAdd(postcode, smallArea);

    public void AddSmallArea(string smallArea, string locality) => _areaLocality.TryAdd(smallArea, locality);

    public void AddPractice(string practice, string locality) => _practiceLocality.TryAdd(practice, locality);

    public (string? SmallArea, string? Locality) Find(string? postcode, string? gpPractice)
    {
        string? area = postcode is not null && _postcodeArea.TryGetValue(postcode, out var a) ? a : null;
        string? locality = area is not null && _areaLocality.TryGetValue(area, out var l) ? l
            : gpPractice is not null && _practiceLocality.TryGetValue(gpPractice, out var pl) ? pl : null;
        return (area, locality);
    }
}
