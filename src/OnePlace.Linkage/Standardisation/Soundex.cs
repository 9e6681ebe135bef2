namespace OnePlace.Linkage.Standardisation;

/// <summary>
/// American Soundex (Russell and Odell, as specified by the US National Archives, 2007): the first letter and three
/// digits for the consonant sounds that follow, H and W not separating letters of the same code. A phonetic key for
/// blocking, so that Smith and Smyth, or Catherine and Kathryn's surname-like typos, meet in the same block.
/// </summary>
public static class Soundex
{
    //                                   abcdefghijklmnopqrstuvwxyz
    private const string Codes = "01230120022455012623010202";

    /// <summary>The four-character code of the first word of <paramref name="name"/> (letters a–z), or null for none.</summary>
    public static string? Encode(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        Span<char> key = ['0', '0', '0', '0'];
        int length = 0;
        char previous = '\0';
        foreach (char raw in name)
        {
            char c = char.ToLowerInvariant(raw);
            if (c is < 'a' or > 'z')
            {
                if (length > 0 && c == ' ')
                {
                    break;
                }

                continue;
            }

            char code = Codes[c - 'a'];
            if (length == 0)
            {
                key[0] = char.ToUpperInvariant(c);
                length = 1;
                previous = code;
                continue;
            }

            if (c is 'h' or 'w')
            {
                continue; // does not separate two letters of the same code
            }

            if (code == '0')
            {
                previous = '0'; // vowels separate
                continue;
            }

            if (code != previous)
            {
                key[length++] = code;
                if (length == 4)
                {
                    break;
                }
            }

            previous = code;
        }

        return length == 0 ? null : new string(key);
    }
}
