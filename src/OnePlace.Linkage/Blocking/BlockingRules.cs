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

    /// <summary>Blocks on names alone are kept only this small: common names would otherwise grow pairs with the square of the population.</summary>
    private const int MaxNameOnlyBlockSize = 20;

    // Every rule but the identifiers' and the two on names alone carries a birth date, birth year or postcode unit, so
    // that blocks stay small however large the population: candidate pairs grow with the records, not their square.
    // The rules on names alone (or names and a district) catch records whose birth dates disagree outright, in
    // blocks of at most 20.
    private static readonly (string Name, Key Key, int MaxBlock)[] Rules =
    [
        ("NHS number", r => r.Identifier is { Length: >= 6 } id ? new KeyHash().Add(id).Value : 0, MaxBlockSize),
        ("birth date + family name sound", r => r.DateOfBirth is { } d && r.FamilySoundex is { } f ? new KeyHash().Add(d.DayNumber).Add(f).Value : 0, MaxBlockSize),
        ("birth date + given name sound", r => r.DateOfBirth is { } d && r.GivenSoundex is { } g ? new KeyHash().Add(d.DayNumber).Add(g).Value : 0, MaxBlockSize),
        ("postcode + given name sound", r => r.Postcode is { } p && r.GivenSoundex is { } g ? new KeyHash().Add(p.Full).Add(g).Value : 0, MaxBlockSize),
        ("postcode + family name sound", r => r.Postcode is { } p && r.FamilySoundex is { } f ? new KeyHash().Add(p.Full).Add(f).Add('f').Value : 0, MaxBlockSize),
        ("postcode district + birth date", r => r.Postcode is { District: { } dist } && r.DateOfBirth is { } d ? new KeyHash().Add(dist).Add(d.DayNumber).Value : 0, MaxBlockSize),
        ("name prefixes + birth year", r => r.GivenFirst is { Length: >= 2 } g && r.FamilyCompact is { Length: >= 2 } f && r.DateOfBirth is { } d
            ? new KeyHash().Add(g[..2]).Add(f[..2]).Add(d.Year).Value : 0, MaxBlockSize),
        ("postcode + birth year", r => r.Postcode is { } p && r.DateOfBirth is { } d ? new KeyHash().Add(p.Full).Add(d.Year).Value : 0, MaxBlockSize),
        ("birth date in either day-month order + family initial", r => r.DateOfBirth is { } d && r.FamilyCompact is { } f
            ? new KeyHash().Add(d.Year).Add(Math.Min(d.Day, d.Month)).Add(Math.Max(d.Day, d.Month)).Add(f[0]).Value : 0, MaxBlockSize),
        ("name sounds + birth year", r => r.GivenSoundex is { } g && r.FamilySoundex is { } f && r.DateOfBirth is { } d
            ? new KeyHash().Add(g).Add(f).Add(d.Year).Value : 0, MaxBlockSize),
        ("nickname group + family name sound + birth year", r => r.GivenGroup >= 0 && r.FamilySoundex is { } f && r.DateOfBirth is { } d
            ? new KeyHash().Add(r.GivenGroup).Add(f).Add(d.Year).Value : 0, MaxBlockSize),
        ("name sounds swapped + birth date", r => r.GivenSoundex is { } g && r.FamilySoundex is { } f && r.DateOfBirth is { } d
            ? new KeyHash().Add(string.CompareOrdinal(g, f) < 0 ? g : f).Add(string.CompareOrdinal(g, f) < 0 ? f : g).Add(d.DayNumber).Value : 0, MaxBlockSize),
        ("given + family name", r => r.GivenFirst is { } g && r.FamilyCompact is { } f ? new KeyHash().Add(g).Add(f).Value : 0, MaxNameOnlyBlockSize),
        ("nickname group + family name sound", r => r.GivenGroup >= 0 && r.FamilySoundex is { } f ? new KeyHash().Add(r.GivenGroup).Add(f).Add('n').Value : 0, MaxNameOnlyBlockSize),
        ("postcode district + family name sound + given initial", r => r.Postcode is { District: { } d } && r.FamilySoundex is { } f && r.GivenFirst is { } g
            ? new KeyHash().Add(d).Add(f).Add(g[0]).Value : 0, MaxNameOnlyBlockSize),
        ("phone + given name sound", r => r.Phone is { } p && r.GivenSoundex is { } g ? new KeyHash().Add(p).Add(g).Value : 0, MaxBlockSize),
        ("email", r => r.Email is { } e ? new KeyHash().Add(e).Add('@').Value : 0, MaxBlockSize),
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
                if (size > Rules[k].MaxBlock)
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
    private struct KeyHash()
    {
        private ulong _h = 14695981039346656037UL;

        public readonly ulong Value => _h == 0 ? 1 : _h;

        public KeyHash Add(string part)
        {
            foreach (char c in part)
            {
                Add(c);
            }

            return Add('\u001F');
        }

        public KeyHash Add(int part)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                _h = (_h ^ (byte)(part >> shift)) * 1099511628211UL;
            }

            return Add('\u001F');
        }

        public KeyHash Add(char c)
        {
            _h = (_h ^ c) * 1099511628211UL;
            return this;
        }
    }
}
