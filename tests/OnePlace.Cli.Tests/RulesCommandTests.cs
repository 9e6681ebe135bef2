using OnePlace.Cli;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace rules check` and `oneplace rules replay`, as a user runs them, against a real store.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-rules-" + Guid.NewGuid().ToString("N"));

    private static Task<(int Exit, string Output)> Run(TestStore? store, params string[] args) => Oneplace.RunAsync(store, args);

    [Fact]
    public async Task Replay_shows_how_a_candidate_table_would_have_triaged_the_borough_s_referrals()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        Assert.Equal(0, (await Run(null, "generate", "--profile", "walsall", "--people", "400", "--seed", "11", "--out", folder)).Exit);
        Assert.Equal(0, (await Run(store, "import", folder)).Exit);
        await using (var db = store.Open())
        {
            var receive = new ReceiveReferral(db, new AuditWriter(db, TimeProvider.System), TriageRules.Locate(null), TimeProvider.System);
            var actor = new StaffActor("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
            string postcode = db.Postcodes.Select(p => p.Postcode).OrderBy(p => p).First();
            foreach (var (need, born) in new[] { (ReferralNeed.Mobility, new DateOnly(1935, 3, 3)), (ReferralNeed.Mobility, new DateOnly(1960, 3, 3)), (ReferralNeed.Fall, new DateOnly(1935, 3, 3)) })
            {
                await receive.ReceiveAsync(actor, new ReferralSubmission(new ReferredPerson(null, "Iris", "Murdoch", born, "F", postcode, null, null),
                    "Dr A Patel", "Pleck Health Centre", null, need, CareSetting.Home, "Needs help.", true), ReferralSource.Api);
            }
        }

        var (exit, output) = await Run(store, "rules", "replay", "--version", "v2", "--last", "50");

        Assert.True(exit == 0, output);
        Assert.Contains("Replayed the last 3 referrals: live v1 against candidate v2.", output, StringComparison.Ordinal);
        Assert.Contains("1 would be triaged differently (33.3%): 1 more urgent, 0 less urgent, 0 to another service.", output, StringComparison.Ordinal);
        Assert.Contains("85+", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_candidate_that_treats_a_deprivation_quintile_differently_names_the_equality_impact_assessment_it_raises()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        Assert.Equal(0, (await Run(null, "generate", "--profile", "walsall", "--people", "400", "--seed", "11", "--out", folder)).Exit);
        Assert.Equal(0, (await Run(store, "import", folder)).Exit);
        // A candidate v3 that sees memory concerns at 80 and over within 2 days; v1 sees them routinely.
        var rules = Directory.CreateDirectory(Path.Combine(_work, "triage")).FullName;
        var repo = TriageRules.Locate(null).Folder;
        File.Copy(Path.Combine(repo, "v1.csv"), Path.Combine(rules, "v1.csv"));
        await File.WriteAllTextAsync(Path.Combine(rules, "live.txt"), "v1\n");
        var lines = (await File.ReadAllLinesAsync(Path.Combine(repo, "v1.csv"))).ToList();
        lines.Insert(lines.FindIndex(l => l.StartsWith("R16,", StringComparison.Ordinal)), "R16a,memory_concern,*,80,,two_day,mental_health,Memory concern at 80 or over");
        await File.WriteAllLinesAsync(Path.Combine(rules, "v3.csv"), lines);
        await using (var db = store.Open())
        {
            var receive = new ReceiveReferral(db, new AuditWriter(db, TimeProvider.System), TriageRules.Locate(null), TimeProvider.System);
            var actor = new StaffActor("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
            var deciles = await db.Postcodes.Join(db.SmallAreas, p => p.SmallAreaCode, a => a.Code, (p, a) => new { p.Postcode, a.ImdDecile }).ToListAsync();
            string deprived = deciles.Where(d => d.ImdDecile is 1 or 2).OrderBy(d => d.Postcode, StringComparer.Ordinal).First().Postcode;
            string affluent = deciles.Where(d => d.ImdDecile is 9 or 10).OrderBy(d => d.Postcode, StringComparer.Ordinal).First().Postcode;
            // Q1: 15 of 20 referred for a memory concern; Q5: 2 of 20.
            foreach (var (postcode, memory, i) in Enumerable.Range(0, 40).Select(i => i < 20 ? (deprived, i < 15, i) : (affluent, i < 22, i)))
            {
                await receive.ReceiveAsync(actor, new ReferralSubmission(new ReferredPerson(null, "Iris" + (char)('A' + (i % 26)), "Murdoch", new DateOnly(1935, 3, 3).AddDays(i), "F", postcode, null, null),
                    "Dr A Patel", "Pleck Health Centre", null, memory ? ReferralNeed.MemoryConcern : ReferralNeed.WoundCare, CareSetting.Home, "Needs help.", true), ReferralSource.Api);
            }
        }

        var (exit, output) = await Run(store, "rules", "replay", "--version", "v3", "--last", "100", "--rules", rules);

        Assert.True(exit == 0, output);
        Assert.Contains("Equality impact assessment needed before v3 goes live: EQIA-001 (Draft).", output, StringComparison.Ordinal);
        Assert.Contains("in deprivation quintile Q1 against", output, StringComparison.Ordinal);
        await using var check = store.Open();
        var eqia = await check.EqualityImpactAssessments.SingleAsync();
        Assert.Equal(("v3", EqiaStatus.Draft), (eqia.Subject, eqia.Status));
        Assert.Equal(EqiaEvidenceKind.TriageReplay, (await check.EqiaEvidence.SingleAsync()).Kind);
    }

    [Fact]
    public async Task Check_names_the_line_of_a_broken_table_and_exits_non_zero()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_work, "triage")).FullName;
        await File.WriteAllTextAsync(Path.Combine(rules, "live.txt"), "v1\n");
        await File.WriteAllTextAsync(Path.Combine(rules, "v1.csv"), "rule,need,setting,min_age,max_age,urgency,service,reason\nZ,*,*,,,routine,,Anything\n");
        await File.WriteAllTextAsync(Path.Combine(rules, "v2.csv"), "rule,need,setting,min_age,max_age,urgency,service,reason\nA,fall,*,,,whenever,,Falls\nZ,*,*,,,routine,,Anything\n");

        var (exit, output) = await Run(null, "rules", "check", "--rules", rules);

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("v1: 1 rules, fine", output, StringComparison.Ordinal);
        Assert.Contains("line 2: urgency 'whenever'", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
