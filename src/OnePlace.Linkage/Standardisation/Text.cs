using System.Globalization;
using System.Text;

namespace OnePlace.Linkage.Standardisation;

/// <summary>Case, accents, punctuation and spacing made uniform, so that "O'Brien-Smith " and "obrien smith" compare equal.</summary>
public static class Text
{
    /// <summary>
    /// Lower case ASCII letters and single spaces: accents are dropped (Unicode canonical decomposition, then the
    /// marks removed), apostrophes and full stops join (O'Brien → obrien), hyphens and other separators become a space.
    /// Returns null for nothing left.
    /// </summary>
    public static string? NormaliseName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string decomposed = Ascii.IsValid(value) ? value : value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        bool space = false;
        foreach (char c in decomposed)
        {
            if (char.IsAsciiLetter(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' or '.' or '`' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // joins: O'Brien, St.John
            }
            else
            {
                space = true;
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>Lower case letters and digits with single spaces (addresses, e-mail and free text).</summary>
    public static string? NormaliseFreeText(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var sb = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in Ascii.IsValid(value) ? value : value.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
            }
            else
            {
                space = true;
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The digits of a value only (phone numbers, identifiers); null when there are none.</summary>
    public static string? Digits(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }
}
