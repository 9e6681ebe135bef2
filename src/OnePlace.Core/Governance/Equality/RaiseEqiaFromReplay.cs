using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>One group of a replay as the evidence keeps it.</summary>
public sealed record ReplayBreakdownGroup(
    string Dimension, string Group, int Referrals, int Changed, int MoreUrgent, int LessUrgent, int ServiceChanged,
    double Share, double RestShare, double? Z, double? P, bool Disparity);

/// <summary>A replay's breakdown by group, the body of a <see cref="EqiaEvidenceKind.TriageReplay"/> evidence row (JSON).</summary>
public sealed record ReplayBreakdown(string LiveVersion, string CandidateVersion, int Referrals, int Changed, IReadOnlyList<ReplayBreakdownGroup> Groups)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The breakdown of an evidence body, or null if the body is not one.</summary>
    public static ReplayBreakdown? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ReplayBreakdown>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ReplayBreakdown Of(ReplayReport report, IReadOnlyList<GroupDisparity> disparities) => new(
        report.LiveVersion, report.CandidateVersion, report.Referrals, report.Changed,
        [.. disparities.Select(d =>
        {
            var g = report.Groups.Single(r => r.Dimension == d.Dimension && r.Group == d.Group);
            return new ReplayBreakdownGroup(d.Dimension, d.Group, d.Referrals, d.Changed, g.MoreUrgent, g.LessUrgent, g.ServiceChanged,
                Math.Round(d.Share, 4), Math.Round(d.RestShare, 4), d.Z is { } z ? Math.Round(z, 3) : null, d.P is { } p ? Math.Round(p, 6) : null, d.IsDisparity);
        })]);
}

/// <summary>What a replay found and did about equality: the groups compared, those that raise the flag, and the
/// assessment that holds the flag (started or found), or the signed-off one that has cleared it.</summary>
public sealed record ReplayEqiaFlag(
    IReadOnlyList<GroupDisparity> Groups, IReadOnlyList<GroupDisparity> Flagged, EqualityImpactAssessment? Eqia, bool Started, bool EvidenceAttached)
{
    /// <summary>A disparity was found and no signed-off assessment of the version has decided it.</summary>
    public bool Needed => Flagged.Count > 0 && Eqia is { Status: not EqiaStatus.SignedOff };
}

/// <summary>
/// Turns a triage replay whose outcome differs by group into an equality impact assessment before the candidate goes
/// live (PRODUCT.md B2, F2): when <see cref="ReplayDisparity"/> finds a group treated differently, the open assessment
/// of that triage version is found, or a draft is started saying why in words, and the replay's breakdown is attached
/// as evidence. An assessment of the version already signed off has decided it and clears the flag: a changed table is
/// a new version. The same breakdown is not attached twice.
/// </summary>
public sealed class RaiseEqiaFromReplay(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <summary>How long a raised assessment has before it is due: it must be decided before the version goes live.</summary>
    public const int DaysToDecide = 28;

    public async Task<ReplayEqiaFlag> RaiseAsync(StaffActor actor, ReplayReport report, CancellationToken cancellationToken = default)
    {
        // No GovernanceAccess check: this is the system raising a flag on a replay that anyone who may replay the rules
        // ran, not a member of staff changing governance. The row records who ran the replay.
        var groups = ReplayDisparity.Of(report);
        var flagged = ReplayDisparity.Flagged(groups);
        string version = report.CandidateVersion;
        var existing = await db.EqualityImpactAssessments
            .Where(a => a.SubjectKind == EqiaSubjectKind.TriageRules && a.Subject == version)
            .OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        var open = existing.FirstOrDefault(a => a.Status != EqiaStatus.SignedOff);
        var signedOff = existing.FirstOrDefault(a => a.Status == EqiaStatus.SignedOff);
        if (flagged.Count == 0 || (open is null && signedOff is not null))
        {
            return new ReplayEqiaFlag(groups, flagged, open ?? signedOff, Started: false, EvidenceAttached: false);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string because = Because(report, flagged[0]);
        var breakdown = ReplayBreakdown.Of(report, groups).ToJson();
        EqiaEvidence Evidence(int eqiaId) => new()
        {
            EqiaId = eqiaId,
            Kind = EqiaEvidenceKind.TriageReplay,
            Title = Truncate(string.Create(CultureInfo.InvariantCulture, $"Replay of {version} against {report.LiveVersion}, {report.Referrals:N0} referrals, {now:yyyy-MM-dd HH:mm} UTC"), EqiaRules.MaxEvidenceTitle),
            Body = breakdown,
            AddedAtUtc = now,
            AddedBy = actor.AuditName,
        };

        if (open is not null)
        {
            var last = await db.EqiaEvidence.AsNoTracking().Where(e => e.EqiaId == open.Id && e.Kind == EqiaEvidenceKind.TriageReplay)
                .OrderByDescending(e => e.Id).Select(e => e.Body).FirstOrDefaultAsync(cancellationToken);
            if (last == breakdown)
            {
                return new ReplayEqiaFlag(groups, flagged, open, Started: false, EvidenceAttached: false);
            }

            db.EqiaEvidence.Add(Evidence(open.Id));
            audit.Add(actor.AuditName, GovernanceAuditAction.EqiaRaisedByReplay, detail: $"eqia={open.Reference}; version={version}; {because}");
            await EqiaRules.SaveChangeAsync(db, open, cancellationToken);
            return new ReplayEqiaFlag(groups, flagged, open, Started: false, EvidenceAttached: true);
        }

        var proposal = new EqiaProposal(
            $"Triage rules {version}",
            $"Make triage rules {version} live in place of {report.LiveVersion}. Raised by a replay whose outcome differed by group; assess before {version} goes live.",
            EqiaSubjectKind.TriageRules, version, "Programme office", DateOnly.FromDateTime(now).AddDays(DaysToDecide));
        var eqia = await EqiaRules.NewAsync(db, clock, actor.AuditName, proposal, Truncate(because, 1000), cancellationToken);
        await EqiaRules.SaveNewAsync(db, eqia, cancellationToken, () =>
        {
            db.EqiaEvidence.Add(Evidence(eqia.Id));
            audit.Add(actor.AuditName, GovernanceAuditAction.EqiaRaisedByReplay, detail: $"eqia={eqia.Reference}; version={version}; started; {because}");
            return Task.CompletedTask;
        });
        return new ReplayEqiaFlag(groups, flagged, eqia, Started: true, EvidenceAttached: true);
    }

    /// <summary>"Replay of v3 against 500 referrals: urgency or service changed for 31% in deprivation quintile Q1 against 9% elsewhere".</summary>
    public static string Because(ReplayReport report, GroupDisparity first) => string.Create(CultureInfo.InvariantCulture,
        $"Replay of {report.CandidateVersion} against {report.Referrals:N0} referrals: urgency or service changed for {first.Share * 100:0}% in {first.Dimension} {first.Group} against {first.RestShare * 100:0}% elsewhere (p = {first.P:0.####})");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>
/// The equality flag of each triage version, for the rules page and the command line: the open assessment of the
/// version if there is one (the flag stands), else the latest signed off (the flag is cleared). Only the reference and
/// status are read: the rules page is open to all staff, and these hold no person data.
/// </summary>
public static class TriageEqiaFlags
{
    public sealed record Flag(int Id, string Reference, EqiaStatus Status, EqiaDecision? Decision)
    {
        public bool Cleared => Status == EqiaStatus.SignedOff;
    }

    public static async Task<IReadOnlyDictionary<string, Flag>> ByVersionAsync(OnePlaceDb db, CancellationToken cancellationToken = default)
    {
        var rows = await db.EqualityImpactAssessments.AsNoTracking().Where(a => a.SubjectKind == EqiaSubjectKind.TriageRules)
            .OrderByDescending(a => a.Id).Select(a => new { a.Subject, a.Id, a.Reference, a.Status, a.Decision }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Subject, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.OrderBy(r => r.Status == EqiaStatus.SignedOff ? 1 : 0).Select(r => new Flag(r.Id, r.Reference, r.Status, r.Decision)).First(),
            StringComparer.Ordinal);
    }
}
