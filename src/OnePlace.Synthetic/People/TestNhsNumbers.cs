using OnePlace.Core.People;

namespace OnePlace.Synthetic.People;

/// <summary>
/// Unique NHS numbers from the range reserved for test data (999 000 0000 – 999 999 9999). The six digits after
/// "999" run through an affine permutation of 0..999,999 chosen by the seed, so numbers look scattered but never
/// repeat; prefixes whose Modulus 11 check digit would be 10 are skipped, as are repdigits (NHS Data Dictionary,
/// "NHS NUMBER"). About 909,000 numbers are usable, which bounds the population size.
/// </summary>
internal static class TestNhsNumbers
{
    public const int Capacity = 900_000;

    private const int Range = 1_000_000;

    public static string[] Draw(int count, int seed)
    {
        if (count > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"At most {Capacity} test NHS numbers can be drawn.");
        }

        // Multiplier coprime to 10^6 (odd, not a multiple of 5) makes k → (a·k + b) mod 10^6 a bijection.
        const long multiplier = 738_219;
        long offset = (long)((uint)seed * 2_654_435_761UL % Range);
        var numbers = new string[count];
        Span<char> digits = stackalloc char[10];
        int drawn = 0;
        for (long k = 0; drawn < count && k < Range; k++)
        {
            long suffix = ((multiplier * k) + offset) % Range;
            "999".AsSpan().CopyTo(digits);
            suffix.TryFormat(digits[3..9], out _, "D6", System.Globalization.CultureInfo.InvariantCulture);
            int? check = NhsNumber.CheckDigit(digits[..9]);
            if (check is null)
            {
                continue;
            }

            digits[9] = (char)('0' + check.Value);
            if (digits.IndexOfAnyExcept(digits[0]) < 0)
            {
                continue;
            }

            numbers[drawn++] = new string(digits);
        }

        return numbers;
    }
}
