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
        int sum = 0;
        for (int i = 0; i < 10; i++)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            repeated &= digits[i] == digits[0];
            if (i < 9)
            {
                sum += (digits[i] - '0') * (10 - i);
            }
        }

        if (repeated)
        {
            return false;
        }

        int check = 11 - (sum % 11);
        return check != 10 && (check == 11 ? 0 : check) == digits[9] - '0';
    }
}
