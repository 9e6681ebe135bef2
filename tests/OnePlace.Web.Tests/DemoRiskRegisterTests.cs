using Microsoft.EntityFrameworkCore;
using OnePlace.Analytics.Indicators;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Risks;
using OnePlace.Synthetic.Demo;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>The demo risk register: recorded through the register's use cases once, linked only to indicators the
/// framework has, with history and an audit row for every change.</summary>
public sealed class DemoRiskRegisterTests
{
    [Fact]
    public async Task The_demo_register_is_recorded_once_through_the_use_cases_and_links_only_known_indicators()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var known = IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder)).Select(i => i.Id).Where(id => id != "long-stays-65").ToList();

        Assert.True(await DemoRiskRegister.EnsureAsync(db, TimeProvider.System, known));
        Assert.False(await DemoRiskRegister.EnsureAsync(db, TimeProvider.System, known));

        db.ChangeTracker.Clear();
        var risks = await db.Risks.OrderBy(r => r.Reference).ToListAsync();
        Assert.Equal(["R-001", "R-002", "R-003", "R-004", "R-005", "R-006", "R-007", "R-008"], risks.Select(r => r.Reference));
        Assert.All(risks, r => Assert.True(r.TargetScore <= r.CurrentScore));
        var links = await db.RiskIndicatorLinks.Select(l => l.IndicatorId).ToListAsync();
        Assert.Contains("ucr-seen-within-2-hours", links);
        Assert.Contains("still-at-home-91-days", links);
        Assert.DoesNotContain("long-stays-65", links);
        Assert.All(links, l => Assert.Contains(l, known));
        int revisions = await db.RiskRevisions.CountAsync();
        Assert.Equal(revisions, await db.AuditLog.CountAsync(a => a.Action.StartsWith("governance.risk_")));
        Assert.Equal(8, await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.RiskRecorded));
        var overspend = risks.Single(r => r.Title == "Pooled fund overspend");
        Assert.Equal(20, overspend.CurrentScore);
        Assert.Contains(await db.RiskRevisions.Where(r => r.RiskId == overspend.Id).Select(r => r.Summary).ToListAsync(),
            s => s.StartsWith("Re-scored: current 4×4=16 to 5×4=20", StringComparison.Ordinal));
        Assert.NotNull((await db.RiskActions.FirstAsync(a => a.Description.StartsWith("Sign the data sharing"))).CompletedOn);
        Assert.Equal(RiskStatus.Open, risks[0].Status);
    }
}
