using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals.Triage;

/// <summary>How one group of referrals (a locality, an age band, a deprivation quintile) fares under the candidate.</summary>
public sealed record ReplayGroup(string Dimension, string Group, int Referrals, int Changed, int MoreUrgent, int LessUrgent, int ServiceChanged)
{
    public double ChangedShare => Referrals == 0 ? 0 : (double)Changed / Referrals;
}

/// <summary>One referral the candidate would have triaged differently.</summary>
public sealed record ReplayDifference(string Reference, string Need, int? Age, string LiveUrgency, string CandidateUrgency, string? LiveService, string? CandidateService, string LiveRule, string CandidateRule);

/// <summary>What a candidate table would have done to the last N referrals, against the live table.</summary>
public sealed record ReplayReport(
    string LiveVersion, string CandidateVersion, int Referrals, int Changed, int MoreUrgent, int LessUrgent, int ServiceChanged,
    IReadOnlyList<ReplayGroup> Groups, IReadOnlyDictionary<string, (int Live, int Candidate)> LoadByService, IReadOnlyList<ReplayDifference> Differences);

/// <summary>
/// Replays a candidate triage table against the last N referrals before it goes live (PRODUCT.md B2): both tables are
/// run on the inputs each referral was triaged on (need, setting, age at referral), so the comparison is like for like
/// even if the live table changed since. The breakdown by locality, age band and deprivation quintile shows whether
/// the change would shift urgency unevenly between groups (an equality check before go-live), and the load by
/// service shows what it would do to each service's demand.
/// </summary>
public static class TriageReplay
{
    public static readonly IReadOnlyList<string> AgeBands = ["0-17", "18-64", "65-74", "75-84", "85+"];

    public static async Task<ReplayReport> RunAsync(OnePlaceDb db, TriageRules rules, string candidateVersion, int last, CancellationToken cancellationToken = default)
    {
        var live = rules.Live();
        var candidate = rules.Load(candidateVersion);
        var referrals = await db.Referrals.AsNoTracking().OrderByDescending(r => r.ReceivedAtUtc).Take(Math.Clamp(last, 1, 1_000_000))
            .Select(r => new { r.Reference, r.Need, r.Setting, r.AgeAtReferral, r.LocalityCode, r.ImdDecile })
            .ToListAsync(cancellationToken);

        var groups = new Dictionary<(string, string), int[]>();
        var load = new SortedDictionary<string, (int Live, int Candidate)>(StringComparer.Ordinal);
        var differences = new List<ReplayDifference>();
        int changed = 0, more = 0, less = 0, service = 0;
        foreach (var r in referrals)
        {
            var input = new TriageInput(r.Need, r.Setting, r.AgeAtReferral);
            var a = live.Triage(input);
            var b = candidate.Triage(input);
            int direction = Math.Sign(Rank(a.Urgency) - Rank(b.Urgency));
            bool serviceDiffers = a.ServiceKind != b.ServiceKind;
            bool differs = direction != 0 || serviceDiffers;
            string liveService = a.ServiceKind ?? "(SPA decides)";
            string candidateService = b.ServiceKind ?? "(SPA decides)";
            load[liveService] = (load.GetValueOrDefault(liveService).Live + 1, load.GetValueOrDefault(liveService).Candidate);
            load[candidateService] = (load.GetValueOrDefault(candidateService).Live, load.GetValueOrDefault(candidateService).Candidate + 1);
            if (differs)
            {
                changed++;
                differences.Add(new ReplayDifference(r.Reference, r.Need, r.AgeAtReferral, a.Urgency, b.Urgency, a.ServiceKind, b.ServiceKind, a.Rule, b.Rule));
            }

            more += direction > 0 ? 1 : 0;
            less += direction < 0 ? 1 : 0;
            service += serviceDiffers ? 1 : 0;
            foreach (var key in new[] { ("locality", r.LocalityCode ?? "unknown"), ("age band", AgeBand(r.AgeAtReferral)), ("deprivation quintile", Quintile(r.ImdDecile)) })
            {
                if (!groups.TryGetValue(key, out var counts))
                {
                    groups[key] = counts = new int[5];
                }

                counts[0]++;
                counts[1] += differs ? 1 : 0;
                counts[2] += direction > 0 ? 1 : 0;
                counts[3] += direction < 0 ? 1 : 0;
                counts[4] += serviceDiffers ? 1 : 0;
            }
        }

        var rows = groups.Select(g => new ReplayGroup(g.Key.Item1, g.Key.Item2, g.Value[0], g.Value[1], g.Value[2], g.Value[3], g.Value[4]))
            .OrderBy(g => g.Dimension, StringComparer.Ordinal).ThenBy(g => g.Group, StringComparer.Ordinal).ToList();
        return new ReplayReport(live.Version, candidate.Version, referrals.Count, changed, more, less, service, rows, load, differences);
    }

    /// <summary>0 for the most urgent.</summary>
    public static int Rank(string urgency) => urgency switch
    {
        Urgency.Crisis2Hour => 0,
        Urgency.TwoDay => 1,
        _ => 2,
    };

    public static string AgeBand(int? age) => age switch
    {
        null => "unknown",
        < 18 => "0-17",
        < 65 => "18-64",
        < 75 => "65-74",
        < 85 => "75-84",
        _ => "85+",
    };

    /// <summary>IMD quintile from the decile: 1 = most deprived fifth (deciles 1–2), as the English Indices of Deprivation group them.</summary>
    public static string Quintile(int? decile) => decile is { } d and >= 1 and <= 10 ? $"Q{(d + 1) / 2}" : "unknown";
}
