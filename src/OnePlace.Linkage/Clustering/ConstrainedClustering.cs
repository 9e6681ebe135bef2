namespace OnePlace.Linkage.Clustering;

/// <summary>
/// Clusters records from scored links, strongest first (greedy agglomeration over a union-find), with the constraints
/// a master person index needs and connected components lacks (Splink issues #1824, #2653):
/// two different valid NHS numbers are never joined; two existing people are never merged by a run; a steward's
/// "not a match" is never overruled; and two groups of records join only when most of their records agree with each
/// other, not through a single chain of links (average-linkage check, Hastie et al. 2009 §14.3.12).
/// </summary>
internal sealed class ConstrainedClustering
{
    private readonly int[] _parent;
    private readonly List<int>?[] _members;
    private readonly string?[] _nhsNumber;
    private readonly string?[] _existing;
    private readonly string?[] _provisional;
    private readonly HashSet<long> _cannotLink;
    private readonly Func<int, int, double> _probability;

    /// <param name="validNhsNumber">Each record's valid NHS number, or null.</param>
    /// <param name="existing">Each record's existing person key, or null.</param>
    /// <param name="probability">Scores any pair on demand (for the average-linkage check).</param>
    /// <param name="provisional">Each record's provisional person key (made in the same load), or null.</param>
    public ConstrainedClustering(string?[] validNhsNumber, string?[] existing, string?[] provisional, HashSet<long> cannotLink, Func<int, int, double> probability)
    {
        int n = validNhsNumber.Length;
        _parent = new int[n];
        _members = new List<int>?[n];
        _nhsNumber = (string?[])validNhsNumber.Clone();
        _existing = (string?[])existing.Clone();
        _provisional = (string?[])provisional.Clone();
        _cannotLink = cannotLink;
        _probability = probability;
        for (int i = 0; i < n; i++)
        {
            _parent[i] = i;
        }

        // Existing people stay exactly as they are, and a provisional person's records stay together: each is one
        // cluster from the start.
        foreach (var keys in new[] { existing, provisional })
        {
            var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                if (keys[i] is { } key)
                {
                    if (firstOf.TryGetValue(key, out int first))
                    {
                        Join(Find(first), Find(i));
                    }
                    else
                    {
                        firstOf[key] = i;
                    }
                }
            }
        }
    }

    public static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    public int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }

        return i;
    }

    /// <summary>The person a cluster continues: its existing person, else its provisional one, else null (new).</summary>
    public string? ExistingOf(int root) => _existing[root] ?? _provisional[root];

    /// <summary>Why two records' clusters may not join, or null when they may.</summary>
    public string? Refusal(int a, int b, bool checkAgreement)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb)
        {
            return null;
        }

        if (_existing[ra] is not null && _existing[rb] is not null)
        {
            return "two existing people";
        }

        if (_nhsNumber[ra] is { } x && _nhsNumber[rb] is { } y && !string.Equals(x, y, StringComparison.Ordinal))
        {
            return "different NHS numbers";
        }

        var ma = MembersOf(ra);
        var mb = MembersOf(rb);
        if (_cannotLink.Count > 0)
        {
            foreach (int i in ma)
            {
                foreach (int j in mb)
                {
                    if (_cannotLink.Contains(PairKey(i, j)))
                    {
                        return "a data steward decided not a match";
                    }
                }
            }
        }

        if (checkAgreement && (ma.Count > 1 || mb.Count > 1))
        {
            int agree = 0, total = ma.Count * mb.Count;
            foreach (int i in ma)
            {
                foreach (int j in mb)
                {
                    if (_probability(i, j) >= 0.5)
                    {
                        agree++;
                    }
                }
            }

            if (2 * agree < total)
            {
                return "most of the records disagree";
            }
        }

        return null;
    }

    /// <summary>Joins the clusters of two records if nothing forbids it; returns the refusal otherwise.</summary>
    public string? TryJoin(int a, int b, bool checkAgreement = true)
    {
        if (Refusal(a, b, checkAgreement) is { } refusal)
        {
            return refusal;
        }

        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            Join(ra, rb);
        }

        return null;
    }

    private List<int> MembersOf(int root) => _members[root] ?? [root];

    private void Join(int ra, int rb)
    {
        var ma = MembersOf(ra);
        var mb = MembersOf(rb);
        if (ma.Count < mb.Count)
        {
            (ra, rb) = (rb, ra);
            (ma, mb) = (mb, ma);
        }

        _parent[rb] = ra;
        var merged = _members[ra] ?? [ra];
        merged.AddRange(mb);
        _members[ra] = merged;
        _members[rb] = null;
        _nhsNumber[ra] ??= _nhsNumber[rb];
        _existing[ra] ??= _existing[rb];
        _provisional[ra] ??= _provisional[rb];
    }
}
