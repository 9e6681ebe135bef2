using System.Globalization;
using System.Text.Json;
using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Tests.Statistics;

/// <summary>The reference cases in Reference/ (see Reference/SOURCES.md) and the agreement the tests require.</summary>
internal static class Reference
{
    /// <summary>Issue 5: every reference case agrees to 1e-9 relative.</summary>
    public const double Relative = 1e-9;

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Reference", "golden_cases.json"));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static IEnumerable<JsonElement> OfMethod(params string[] methods) => Cases.Value.Where(c => methods.Contains(c.GetProperty("method").GetString()));

    public static TheoryData<string> Ids(params string[] methods) => [.. OfMethod(methods).Select(c => c.GetProperty("id").GetString()!)];

    public static JsonElement Case(string id) => Cases.Value.Single(c => c.GetProperty("id").GetString() == id);

    public static double? Number(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static double[] Numbers(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0)];

    public static double?[] NullableNumbers(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null)];

    public static IEnumerable<string[]> Csv(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    public static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The value and both levels' limits of a case whose expected outputs are named value, lower95, upper95,
    /// lower998 and upper998.</summary>
    public static void AgreesAtBothLevels(JsonElement expected, Estimate at95, Estimate at998, string id)
    {
        Agrees(expected.Number("value"), at95.Value, $"{id} value");
        Agrees(expected.Number("lower95"), at95.Lower, $"{id} lower 95%");
        Agrees(expected.Number("upper95"), at95.Upper, $"{id} upper 95%");
        Agrees(expected.Number("lower998"), at998.Lower, $"{id} lower 99.8%");
        Agrees(expected.Number("upper998"), at998.Upper, $"{id} upper 99.8%");
    }

    /// <summary>Agreement to <paramref name="relative"/> of the expected value (absolutely, to 1e-12, where it is 0).</summary>
    public static void Agrees(double? expected, double? actual, string what, double relative = Relative)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected no value, got {actual:R}");
            return;
        }

        Assert.True(actual is not null, $"{what}: expected {expected:R}, got no value");
        double tolerance = expected.Value == 0 ? 1e-12 : Math.Abs(expected.Value) * relative;
        Assert.True(Math.Abs(actual.Value - expected.Value) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual.Value - expected.Value) / Math.Abs(expected.Value):E2})");
    }
}
