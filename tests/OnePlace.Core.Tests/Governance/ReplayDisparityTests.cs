using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Governance;

/// <summary>
/// Finding the groups a candidate triage table treats differently, and raising an equality impact assessment for them.
/// </summary>
public sealed class ReplayDisparityTests
{
    private static ReplayReport Report(string candidate, params ReplayGroup[] groups) =>
        new("v1", candidate, groups.Where(g => g.Dimension == "deprivation quintile").Sum(g => g.Referrals), groups.Where(g => g.Dimension == "deprivation quintile").Sum(g => g.Changed),
            0, 0, 0, groups, new Dictionary<string, (int, int)>(), []);

    private static ReplayGroup Quintile(string group, int referrals, int changed) => new("deprivation quintile", group, referrals, changed, changed, 0, 0);

    [Fact]
    public void The_two_proportion_z_test_matches_a_case_worked_by_hand()
    {
        // Q1: 30 of 100 changed; the rest: 20 of 200. p1 = 0.30, p2 = 0.10, pooled = 50/300 = 1/6.
        // se = √(1/6 × 5/6 × (1/100 + 1/200)) = √(0.138889 × 0.015) = √0.00208333 = 0.0456435.
        // z = 0.20 / 0.0456435 = 4.38178; two-sided p = erfc(4.38178/√2) = 1.1776e-5 (normal tables: 2 × 5.888e-6).
        var (z, p) = ReplayDisparity.TwoProportionZ(30, 100, 20, 200);
        Assert.Equal(4.38178, z!.Value, 4);
        Assert.Equal(1.1776e-5, p!.Value, 7);

        // erfc at known points (Abramowitz and Stegun, table 7.1): erfc(1) = 0.157299, erfc(1.959964/√2) = 0.05.
        Assert.Equal(0.157299, ReplayDisparity.Erfc(1), 6);
        Assert.Equal(0.05, ReplayDisparity.Erfc(1.959964 / Math.Sqrt(2)), 6);
        Assert.Equal(1.842701, ReplayDisparity.Erfc(-1), 6);
    }

    [Fact]
    public void A_group_is_a_disparity_only_when_the_difference_is_both_large_and_significant()
    {
        var groups = ReplayDisparity.Of(Report("v3",
            Quintile("Q1", 100, 30), Quintile("Q2", 100, 10), Quintile("Q5", 100, 10), Quintile("unknown", 10, 9),
            new ReplayGroup("age band", "85+", 100000, 5100, 0, 0, 0), new ReplayGroup("age band", "18-64", 100000, 4800, 0, 0, 0)));

        var q1 = groups.Single(g => g.Group == "Q1");
        Assert.True(q1.IsDisparity);
        Assert.Equal((0.30, 29 / 210.0), (q1.Share, q1.RestShare));
        // A 0.3-point difference is significant on 200,000 referrals (z ≈ 3.1) but too small to flag.
        var old = groups.Single(g => g.Group == "85+");
        Assert.True(old.P < 0.05);
        Assert.False(old.IsDisparity);
        // "unknown" is a disparity on its own counts but never raises the flag alone.
        Assert.True(groups.Single(g => g.Group == "unknown").IsDisparity);
        // Q2 and Q5 change less often than the rest (10% against 23%): a difference either way is a disparity. Q1's is the largest.
        Assert.Equal(["Q1", "Q2", "Q5"], ReplayDisparity.Flagged(groups).Select(g => g.Group));
        Assert.Empty(ReplayDisparity.Flagged(ReplayDisparity.Of(Report("v3", Quintile("Q1", 50, 5), Quintile("Q5", 50, 5), Quintile("unknown", 10, 9)))));
        // A big difference in a handful of referrals is not significant: 2 of 4 against 1 of 6, p ≈ 0.26.
        Assert.Empty(ReplayDisparity.Flagged(ReplayDisparity.Of(Report("v3", Quintile("Q1", 4, 2), Quintile("Q5", 6, 1)))));
    }

    [Fact]
    public async Task A_replay_with_a_disparity_raises_one_assessment_with_its_breakdown_and_a_signed_off_one_clears_it()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(EqualityImpactAssessmentTests.Now);
        var audit = new AuditWriter(db, clock);
        var runner = EqualityImpactAssessmentTests.Nurse;
        var raise = new RaiseEqiaFromReplay(db, audit, clock);
        var report = Report("v2", Quintile("Q1", 100, 31), Quintile("Q3", 200, 18), Quintile("Q5", 200, 18));

        Assert.False((await raise.RaiseAsync(runner, Report("v2", Quintile("Q1", 100, 10), Quintile("Q5", 100, 10)))).Needed);
        Assert.Equal(0, await db.EqualityImpactAssessments.CountAsync());

        var flag = await raise.RaiseAsync(runner, report);
        var again = await raise.RaiseAsync(runner, report);

        Assert.True(flag.Needed && flag.Started && flag.EvidenceAttached);
        Assert.False(again.Started || again.EvidenceAttached);
        var eqia = await db.EqualityImpactAssessments.AsNoTracking().SingleAsync();
        Assert.Equal((EqiaSubjectKind.TriageRules, "v2", EqiaStatus.Draft, "nurse@partnership.test"), (eqia.SubjectKind, eqia.Subject, eqia.Status, eqia.CreatedBy));
        Assert.StartsWith("Replay of v2 against 500 referrals: urgency or service changed for 31% in deprivation quintile Q1 against 9% elsewhere", eqia.RaisedBecause, StringComparison.Ordinal);
        var evidence = await db.EqiaEvidence.AsNoTracking().SingleAsync();
        Assert.Equal(EqiaEvidenceKind.TriageReplay, evidence.Kind);
        var breakdown = ReplayBreakdown.Parse(evidence.Body)!;
        Assert.Equal((31, 100, true), (breakdown.Groups[0].Changed, breakdown.Groups[0].Referrals, breakdown.Groups[0].Disparity));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.EqiaRaisedByReplay && a.Actor == "nurse@partnership.test"));

        // A new breakdown for the same version goes on the same open assessment.
        await raise.RaiseAsync(runner, Report("v2", Quintile("Q1", 120, 40), Quintile("Q5", 200, 18)));
        Assert.Equal((1, 2), (await db.EqualityImpactAssessments.CountAsync(), await db.EqiaEvidence.CountAsync()));

        // Signed off: the flag is cleared and a replay raises nothing more.
        var tracked = await db.EqualityImpactAssessments.SingleAsync();
        tracked.Status = EqiaStatus.SignedOff;
        tracked.Decision = EqiaDecision.Adjust;
        await db.SaveChangesAsync();
        var cleared = await raise.RaiseAsync(runner, Report("v2", Quintile("Q1", 130, 45), Quintile("Q5", 200, 18)));
        Assert.False(cleared.Needed);
        Assert.Equal(tracked.Reference, cleared.Eqia!.Reference);
        Assert.Equal((1, 2), (await db.EqualityImpactAssessments.CountAsync(), await db.EqiaEvidence.CountAsync()));
        Assert.True((await TriageEqiaFlags.ByVersionAsync(db))["v2"].Cleared);
    }
}
