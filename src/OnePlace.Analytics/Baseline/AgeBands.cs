namespace OnePlace.Analytics.Baseline;

/// <summary>
/// The five-year age bands of the baseline contract, <c>0-4</c> … <c>85-89</c> and <c>90+</c>: those of the ONS
/// subnational population projections (research note D §3.1), so that the engine can grow each band by its projection.
/// </summary>
public static class AgeBands
{
    /// <summary>The oldest band's lower age.</summary>
    public const int Oldest = 90;

    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(0, Oldest / 5).Select(i => $"{i * 5}-{(i * 5) + 4}"), $"{Oldest}+"];

    /// <summary>The band of an age in whole years; a child born after the year's mid-point (age below 0 on it) is
    /// in the youngest band.</summary>
    public static string Of(int age) => age >= Oldest ? All[^1] : All[Math.Max(0, age) / 5];

    /// <summary>A band's lower age, for sorting bands in age order rather than as text.</summary>
    public static int LowerAge(string band)
    {
        ArgumentNullException.ThrowIfNull(band);
        int end = band.IndexOfAny(['-', '+']);
        return int.Parse(end < 0 ? band : band[..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A portable SQL <c>CASE</c> giving the band of the whole-years age <paramref name="age"/> (NULL when it
    /// is NULL).</summary>
    internal static string Sql(string age)
    {
        var when = All.Take(All.Count - 1).Select((band, i) => $"WHEN {age} < {(i + 1) * 5} THEN '{band}'");
        return $"CASE WHEN {age} IS NULL THEN NULL {string.Join(" ", when)} ELSE '{All[^1]}' END";
    }
}
