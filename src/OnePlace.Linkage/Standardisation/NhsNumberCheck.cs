namespace OnePlace.Linkage.Standardisation;

/// <summary>
/// The NHS number check (NHS Data Dictionary, "NHS NUMBER"): ten digits with a Modulus 11 check digit over weights
/// 10..2; a check value of 10 is never issued, and a number of one digit repeated passes the sum but is never issued.
/// </summary>
public static class NhsNumberCheck
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 10)
        {
            return false;
        }

        bool repeated = true;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            repeated &= c == digits[0];
        }

        return !repeated && CheckDigit(digits[..9]) == digits[9] - '0';
    }

    /// <summary>The Modulus 11 check digit for nine digits, or null when it would be 10 (a prefix never issued).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine)
    {
        int sum = 0;
        for (int i = 0; i < 9; i++)
        {
            sum += (firstNine[i] - '0') * (10 - i);
        }

        int check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }
}
