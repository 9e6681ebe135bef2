namespace OnePlace.Linkage.Comparison;

/// <summary>String similarity measures, with the semantics of the reference implementations named on each.</summary>
public static class Similarity
{
    /// <summary>
    /// Jaro-Winkler similarity (Winkler 1990) with the semantics of jellyfish and DuckDB: match window
    /// max(|a|,|b|)/2 − 1, common prefix of at most 4 characters, scaling factor 0.1, the prefix boost applied only
    /// when the Jaro similarity exceeds 0.7.
    /// </summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.Length > b.Length)
        {
            (a, b) = (b, a);
        }

        int window = Math.Max(0, (b.Length / 2) - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int lo = Math.Max(0, i - window);
            int hi = Math.Min(b.Length - 1, i + window);
            for (int j = lo; j <= hi; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        double jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2)) / m)) / 3;
        if (jaro <= 0.7)
        {
            return jaro;
        }

        int prefix = 0;
        int limit = Math.Min(4, a.Length);
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>
    /// Optimal string alignment distance (Damerau 1964: substitution, insertion, deletion and transposition of
    /// neighbours), stopping early once it exceeds <paramref name="max"/> (returns max + 1 then).
    /// </summary>
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        int n = a.Length;
        int m = b.Length;
        if (n == 0 || m == 0)
        {
            return Math.Max(n, m);
        }

        int width = m + 1;
        Span<int> rows = (3 * width) <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var prev2 = rows[..width];
        var prev = rows.Slice(width, width);
        var cur = rows.Slice(2 * width, width);
        for (int j = 0; j <= m; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= n; i++)
        {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return prev[m];
    }

    /// <summary>
    /// Share of words in common (Jaccard 1901) over the words of two space-separated strings, for addresses whose
    /// words come in any order. Counts without allocating: addresses are short.
    /// </summary>
    public static double TokenJaccard(string a, string b)
    {
        int common = 0, countA = 0, countB = 0;
        foreach (var ra in a.AsSpan().Split(' '))
        {
            var ta = a.AsSpan(ra);
            if (ta.Length == 0 || IsRepeat(a, ra))
            {
                continue;
            }

            countA++;
            foreach (var rb in b.AsSpan().Split(' '))
            {
                if (ta.SequenceEqual(b.AsSpan(rb)))
                {
                    common++;
                    break;
                }
            }
        }

        foreach (var rb in b.AsSpan().Split(' '))
        {
            if (b.AsSpan(rb).Length > 0 && !IsRepeat(b, rb))
            {
                countB++;
            }
        }

        int union = countA + countB - common;
        return union == 0 ? 0 : (double)common / union;
    }

    /// <summary>Whether the word at <paramref name="range"/> already occurred earlier in <paramref name="s"/> (distinct words only).</summary>
    private static bool IsRepeat(string s, Range range)
    {
        var word = s.AsSpan(range);
        int start = range.Start.GetOffset(s.Length);
        foreach (var r in s.AsSpan(0, start).Split(' '))
        {
            if (s.AsSpan(r).SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Jaccard similarity of two sets of distinct words.</summary>
    public static double WordJaccard(string[] a, string[] b)
    {
        int common = 0;
        foreach (var word in a)
        {
            if (Array.IndexOf(b, word) >= 0)
            {
                common++;
            }
        }

        int union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }
}
