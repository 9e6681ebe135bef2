using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Blocking;

/// <summary>
/// Candidate pairs as the union of blocking rules (Splink's blocking_rules_to_generate_predictions): each rule puts
/// records with equal keys in one block; a pair found by a rule is skipped when an earlier rule already found it, so
/// each pair is scored once. Many strict rules rather than a few loose ones keep the pairs per record flat as the
/// population grows; each rule is aimed at one kind of error the others miss.
/// </summary>
internal static class BlockingRules
{
    /// <summary>
    /// Blocks larger than this are skipped: a key shared by hundreds of records (a care home's phone number, a GP
    /// surgery's postcode) separates nobody, and would make pairs grow with the square of the population.
    /// </summary>
    public const int MaxBlockSize = 200;

    private delegate ulong Key(StandardRecord r);

    private static readonly (string Name, Key Key)[] Rules =
    [
        ("NHS number", r => r.Identifier is { Length: >= 6 } id ? Hash(id) : 0),
        ("birth date + family name sound", r => r.DateOfBirthDigits is { } d && r.FamilySoundex is { } f ? Hash(d, f) : 0),
        ("birth date + given name sound", r => r.DateOfBirthDigits is { } d && r.GivenSoundex is { } g ? Hash(d, g) : 0),
        ("given + family name", r => r.GivenFirst is { } g && r.FamilyCompact is { } f ? Hash(g, f) : 0),
        ("postcode + given name sound", r => r.Postcode is { } p && r.GivenSoundex is { } g ? Hash(p.Full, g) : 0),
        ("postcode + birth year", r => r.Postcode is { } p && r.DateOfBirth is { } d ? Hash(p.Full, d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)) : 0),
        ("birth date in any day-month order + family initial", r => r.DateOfBirth is { } d && r.FamilyCompact is { } f
            ? Hash($"{d.Year}-{Math.Min(d.Day, d.Month)}-{Math.Max(d.Day, d.Month)}", f[..1]) : 0),
        ("name sounds + birth year", r => r.GivenSoundex is { } g && r.FamilySoundex is { } f && r.DateOfBirth is { } d
            ? Hash(g, f, d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)) : 0),
        ("nickname group + family name sound", r => r.GivenGroup >= 0 && r.FamilySoundex is { } f ? Hash(r.GivenGroup.ToString(System.Globalization.CultureInfo.InvariantCulture), f, "n") : 0),
        ("names swapped + birth date", r => r.GivenSoundex is { } g && r.FamilySoundex is { } f && r.DateOfBirthDigits is { } d
            ? Hash(string.CompareOrdinal(g, f) < 0 ? g : f, string.CompareOrdinal(g, f) < 0 ? f : g, d) : 0),
        ("postcode district + family name sound + given initial", r => r.Postcode is { District: { } dist } && r.FamilySoundex is { } f && r.GivenFirst is { } g
            ? Hash(dist, f, g[..1]) : 0),
        ("phone + family initial", r => r.Phone is { } p && r.FamilyCompact is { } f ? Hash(p, f[..1], "tel") : 0),
        ("email", r => r.Email is { } e ? Hash(e, "mail") : 0),
    ];

    public static IReadOnlyList<string> Names => [.. Rules.Select(r => r.Name)];

    /// <summary>
    /// Every candidate pair (i &lt; j, packed as i &lt;&lt; 32 | j), each once. When <paramref name="mustInvolve"/> is
    /// given, only pairs with at least one record in it are kept (incremental linking of new records).
    /// </summary>
    public static List<long> CandidatePairs(StandardRecord[] records, bool[]? mustInvolve, out int skippedBlocks)
    {
        int n = records.Length;
        var keys = new ulong[Rules.Length][];
        Parallel.For(0, Rules.Length, k =>
        {
            var key = Rules[k].Key;
            var column = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                column[i] = key(records[i]);
            }

            keys[k] = column;
        });

        var pairs = new List<long>();
        int skipped = 0;
        var order = new int[n];
        var sortKeys = new ulong[n];
        for (int k = 0; k < Rules.Length; k++)
        {
            var column = keys[k];
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (column[i] != 0)
                {
                    order[count] = i;
                    sortKeys[count] = column[i];
                    count++;
                }
            }

            Array.Sort(sortKeys, order, 0, count);
            int start = 0;
            while (start < count)
            {
                int end = start + 1;
                while (end < count && sortKeys[end] == sortKeys[start])
                {
                    end++;
                }

                int size = end - start;
                if (size > MaxBlockSize)
                {
                    skipped++;
                    for (int x = start; x < end; x++)
                    {
                        column[order[x]] = 0; // so that later rules do not take these pairs as already found
                    }
                }
                else if (size > 1)
                {
                    for (int x = start; x < end; x++)
                    {
                        for (int y = x + 1; y < end; y++)
                        {
                            int i = Math.Min(order[x], order[y]);
                            int j = Math.Max(order[x], order[y]);
                            if (mustInvolve is not null && !mustInvolve[i] && !mustInvolve[j])
                            {
                                continue;
                            }

                            if (FoundByEarlierRule(keys, k, i, j))
                            {
                                continue;
                            }

                            pairs.Add(((long)i << 32) | (uint)j);
                        }
                    }
                }

                start = end;
            }
        }

        skippedBlocks = skipped;
        return pairs;
    }

    private static bool FoundByEarlierRule(ulong[][] keys, int rule, int i, int j)
    {
        for (int r = 0; r < rule; r++)
        {
            ulong a = keys[r][i];
            if (a != 0 && a == keys[r][j])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>FNV-1a, 64-bit (Fowler, Noll and Vo): deterministic across runs and machines, unlike string.GetHashCode.</summary>
    private static ulong Hash(params ReadOnlySpan<string> parts)
    {
        ulong h = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (char c in part)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            h = (h ^ 0x1F) * 1099511628211UL;
        }

        return h == 0 ? 1 : h;
    }
}
