using OnePlace.Linkage.Standardisation;

namespace OnePlace.Core.People;

/// <summary>
/// NHS number validation as mandated by the NHS Data Dictionary ("NHS NUMBER"): ten digits, Modulus 11 check
/// digit with weights 10..2, a check value of 10 is never issued, and numbers of one repeated digit are rejected
/// because they pass the checksum but are never issued.
/// </summary>
public static class NhsNumber
{
    /// <summary>Removes spaces and hyphens (NHS numbers are often written 3-3-4).</summary>
    public static string Clean(string value) =>
        string.Concat(value.Where(c => c != ' ' && c != '-'));

    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Returns null when valid, otherwise the reason in plain words.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        if (value.Length != 10 || !value.All(char.IsAsciiDigit))
        {
            return "must be 10 digits";
        }

        if (value.All(c => c == value[0]))
        {
            return "is one digit repeated ten times, which is never issued";
        }

        int? check = CheckDigit(value.AsSpan(0, 9));
        if (check is null)
        {
            return "has a check digit of 10, which is never issued";
        }

        return check == value[9] - '0' ? null : "fails the Modulus 11 check";
    }

    /// <summary>The Modulus 11 check digit for nine digits, or null when it would be 10 (unusable prefix).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine) => NhsNumberCheck.CheckDigit(firstNine);
}
