namespace OnePlace.Linkage.Standardisation;

/// <summary>
/// A UK postcode split into its parts (ONS Postcode Directory user guide): area (letters of the outward code, "WS"),
/// district (the outward code, "WS1"), sector (outward code and the inward digit, "WS1 2") and the full unit
/// ("WS1 2AB"). A value that is not a UK postcode keeps its characters in <see cref="Full"/> only.
/// </summary>
public readonly record struct Postcode(string Full, string? Sector, string? District, string? Area)
{
    public static Postcode? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[value.Length];
        int n = 0;
        foreach (char c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToUpperInvariant(c);
            }
        }

        if (n == 0)
        {
            return null;
        }

        var compact = buffer[..n];
        // Inward code: a digit and two letters; outward code: 2–4 characters starting with one or two letters.
        if (n is >= 5 and <= 7 && char.IsAsciiDigit(compact[n - 3]) && char.IsAsciiLetter(compact[n - 2]) && char.IsAsciiLetter(compact[n - 1])
            && char.IsAsciiLetter(compact[0]))
        {
            var outward = new string(compact[..(n - 3)]);
            int letters = char.IsAsciiLetter(outward[1]) ? 2 : 1;
            if (outward.Length > letters && char.IsAsciiDigit(outward[letters]))
            {
                string sector = $"{outward} {compact[n - 3]}";
                return new Postcode($"{sector}{compact[(n - 2)..]}", sector, outward, outward[..letters]);
            }
        }

        return new Postcode(new string(compact), null, null, null);
    }
}
