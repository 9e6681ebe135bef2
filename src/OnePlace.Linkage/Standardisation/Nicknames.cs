using System.Collections.Frozen;
using System.Reflection;

namespace OnePlace.Linkage.Standardisation;

/// <summary>
/// Given names that are the same name to the people who use them (Margaret, Peggy, Maggie). The list is
/// nicknames.csv (one line per formal name, then its variants; from the `nicknames` project by Carlton Northern and
/// Old Dominion University, Apache License 2.0, as distributed with NHS England's probabilistic linkage; see NOTICE)
/// plus the names below, common in UK partners' records and missing from it.
/// </summary>
public static class Nicknames
{
    private static readonly string[][] Additional =
    [
        ["gwenllian", "gwen"], ["dafydd", "dai", "dave", "david"], ["llywelyn", "llew"], ["rhiannon", "rhi"],
        ["mohammed", "mo", "muhammad", "mohammad", "mohamed"], ["oluwaseun", "seun"], ["chukwuemeka", "emeka"],
        ["katarzyna", "kasia"], ["agnieszka", "aga"], ["gurpreet", "preet"], ["jaswinder", "jas"],
        ["charles", "charlie", "chas", "chuck"], ["harold", "harry"], ["gillian", "gill", "gillie"], ["nicola", "nicky", "nikki"],
        ["deborah", "debbie", "debs"], ["christine", "chris", "chrissie"], ["dorothy", "dot", "dolly", "dottie"],
        ["terence", "terry"], ["leonard", "len", "lenny"], ["kathleen", "kath", "kathy"], ["samantha", "sam", "sammy"],
    ];

    private static readonly Lazy<FrozenDictionary<string, int[]>> Groups = new(Load);

    /// <summary>Whether the two normalised given names are variants of one name (not counting equal names).</summary>
    public static bool AreVariants(string a, string b)
    {
        var groups = Groups.Value;
        if (!groups.TryGetValue(a, out var ga) || !groups.TryGetValue(b, out var gb))
        {
            return false;
        }

        foreach (int x in ga)
        {
            if (Array.IndexOf(gb, x) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The groups a normalised given name belongs to (empty when none), for comparing many pairs quickly.</summary>
    public static int[] GroupsOf(string name) => Groups.Value.TryGetValue(name, out var g) ? g : [];

    /// <summary>Whether two names' groups (from <see cref="GroupsOf"/>) share a group.</summary>
    public static bool ShareGroup(int[] a, int[] b)
    {
        foreach (int x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The smallest group a name belongs to, as a blocking key (null when the name is in no group).</summary>
    public static int? GroupOf(string name) => Groups.Value.TryGetValue(name, out var g) ? g[0] : null;

    private static FrozenDictionary<string, int[]> Load()
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        int next = 0;
        void Add(IEnumerable<string> names)
        {
            int id = next++;
            foreach (var raw in names)
            {
                if (Text.NormaliseName(raw) is not { } name)
                {
                    continue;
                }

                if (!groups.TryGetValue(name, out var list))
                {
                    groups[name] = list = [];
                }

                if (!list.Contains(id))
                {
                    list.Add(id);
                }
            }
        }

        using (var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OnePlace.Linkage.nicknames.csv")
            ?? throw new InvalidOperationException("The nickname list is missing from the assembly."))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
            {
                Add(line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        foreach (var names in Additional)
        {
            Add(names);
        }

        return groups.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
