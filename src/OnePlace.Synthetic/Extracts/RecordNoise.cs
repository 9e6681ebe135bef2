using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.Extracts;

/// <summary>The errors and variants real registration systems hold, applied to a copy of a person's details.</summary>
internal static class RecordNoise
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// One edit (substitution, deletion, insertion or transposition of neighbours): the single-typo model behind
    /// Damerau-Levenshtein distance 1, the commonest keying error (Damerau 1964).
    /// </summary>
    public static string Typo(string name, SeededRandom rng)
    {
        if (name.Length < 3)
        {
            return name + Letters[rng.Next(Letters.Length)];
        }

        Span<char> buffer = stackalloc char[name.Length + 1];
        name.AsSpan().CopyTo(buffer);
        int length = name.Length;

        // Keep the first letter (people rarely mistype it) so typos stay realistic for blocking on initials.
        int at = 1 + rng.Next(length - 1);
        switch (rng.Next(4))
        {
            case 0:
                buffer[at] = Letters[rng.Next(Letters.Length)];
                break;
            case 1:
                name.AsSpan(at + 1).CopyTo(buffer[at..]);
                length--;
                break;
            case 2:
                name.AsSpan(at).CopyTo(buffer[(at + 1)..]);
                buffer[at] = Letters[rng.Next(Letters.Length)];
                length++;
                break;
            default:
                if (at + 1 < length)
                {
                    (buffer[at], buffer[at + 1]) = (buffer[at + 1], buffer[at]);
                }
                else
                {
                    (buffer[at - 1], buffer[at]) = (buffer[at], buffer[at - 1]);
                }

                break;
        }

        string typed = new(buffer[..length]);
        return typed == name ? name + Letters[rng.Next(Letters.Length)] : typed;
    }

    /// <summary>Day and month swapped (US-style entry), only where the result is a real, different date.</summary>
    public static DateOnly? TransposeDayAndMonth(DateOnly date) =>
        date.Day <= 12 && date.Day != date.Month ? new DateOnly(date.Year, date.Day, date.Month) : null;
}
