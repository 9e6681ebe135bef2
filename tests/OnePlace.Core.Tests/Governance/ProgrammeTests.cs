using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Governance;

/// <summary>The programme's use cases (PRODUCT.md F3) and a benefit's realisation read from its indicator.</summary>
public sealed class ProgrammeTests
{
    private static readonly PhasePlan[] Phases =
    [
        new("Assessment", new DateOnly(2024, 4, 1), new DateOnly(2024, 9, 30)),
        new("Implementation", new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30)),
        new("Benefits realisation", new DateOnly(2025, 10, 1), new DateOnly(2027, 3, 31)),
    ];

    private static readonly string[] Known = ["emergency-admissions-65", "still-at-home-91-days"];

    [Fact]
    public async Task A_programme_with_phases_milestones_and_benefits_is_set_up_and_each_change_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(EqualityImpactAssessmentTests.Now);
        var audit = new AuditWriter(db, clock);
        var office = EqualityImpactAssessmentTests.Office;

        var programme = await new SetUpProgramme(db, audit, clock).SetUpAsync(office, "Care in one place", "Integrated care for older people.", "Director of Transformation", Phases);
        var phases = await db.ProgrammePhases.Where(p => p.ProgrammeId == programme.Id).OrderBy(p => p.Order).ToListAsync();
        var milestone = await new AddMilestone(db, audit).AddAsync(office, phases[1].Id, "Single point of access live", "Head of SPA", new DateOnly(2025, 3, 31));
        await new UpdateMilestone(db, audit, clock).UpdateAsync(office, milestone.Id, MilestoneStatus.Complete, new DateOnly(2025, 3, 28), "Live in all localities.");
        var benefit = await new AddBenefit(db, audit).AddAsync(office, programme.Id,
            new BenefitPlan("Fewer emergency admissions", "Clinical lead", "emergency-admissions-65", 250, new DateOnly(2024, 4, 1), 225, new DateOnly(2027, 3, 31)), Known);

        Assert.Equal(["Assessment", "Implementation", "Benefits realisation"], phases.Select(p => p.Name));
        Assert.Equal((MilestoneStatus.Complete, new DateOnly(2025, 3, 28)), (milestone.Status, milestone.CompletedOn));
        Assert.Equal("emergency-admissions-65", benefit.IndicatorId);
        var details = await db.AuditLog.Where(a => a.Action == GovernanceAuditAction.ProgrammeChanged).OrderBy(a => a.Id).Select(a => a.Detail!).ToListAsync();
        Assert.Equal(4, details.Count);
        Assert.Contains("set up", details[0], StringComparison.Ordinal);
        Assert.Contains("status=NotStarted->Complete; completed=2025-03-28", details[2], StringComparison.Ordinal);
        var view = Assert.Single(await new ProgrammeReading(db).AllAsync(EqualityImpactAssessmentTests.Board));
        Assert.Equal("Benefits realisation", view.CurrentPhase(new DateOnly(2026, 11, 24))!.Name);
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => new ProgrammeReading(db).AllAsync(EqualityImpactAssessmentTests.Nurse));
    }

    [Fact]
    public async Task Refusals_name_their_field_and_change_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(EqualityImpactAssessmentTests.Now);
        var audit = new AuditWriter(db, clock);
        var office = EqualityImpactAssessmentTests.Office;
        var programme = await new SetUpProgramme(db, audit, clock).SetUpAsync(office, "Care in one place", "", "Director", Phases);
        var phase = await db.ProgrammePhases.FirstAsync();
        var milestone = await new AddMilestone(db, audit).AddAsync(office, phase.Id, "Baseline agreed", "Analyst", new DateOnly(2024, 6, 30));
        int rows = await db.AuditLog.CountAsync();

        async Task<string?> Refused(Func<Task> change) => (await Assert.ThrowsAsync<GovernanceChangeException>(change)).Field;
        var setUp = new SetUpProgramme(db, audit, clock);
        Assert.Equal("phases", await Refused(() => setUp.SetUpAsync(office, "P", "", "O", [])));
        Assert.Equal("phases", await Refused(() => setUp.SetUpAsync(office, "P", "", "O", [Phases[0], Phases[1] with { Start = new DateOnly(2024, 9, 30) }])));
        Assert.Equal("phases", await Refused(() => setUp.SetUpAsync(office, "P", "", "O", [Phases[0] with { End = new DateOnly(2024, 1, 1) }])));
        Assert.Equal("name", await Refused(() => setUp.SetUpAsync(office, " ", "", "O", Phases)));
        Assert.Equal("milestone-phase", await Refused(() => new AddMilestone(db, audit).AddAsync(office, 999, "M", "O", new DateOnly(2025, 1, 1))));
        Assert.Equal("milestone-owner", await Refused(() => new AddMilestone(db, audit).AddAsync(office, phase.Id, "M", "", new DateOnly(2025, 1, 1))));
        var update = new UpdateMilestone(db, audit, clock);
        Assert.Equal("milestone-completed", await Refused(() => update.UpdateAsync(office, milestone.Id, MilestoneStatus.Complete, null, null)));
        Assert.Equal("milestone-completed", await Refused(() => update.UpdateAsync(office, milestone.Id, MilestoneStatus.AtRisk, new DateOnly(2024, 6, 1), null)));
        Assert.Equal("milestone-completed", await Refused(() => update.UpdateAsync(office, milestone.Id, MilestoneStatus.Complete, new DateOnly(2027, 1, 1), null)));
        var plan = new BenefitPlan("B", "O", "emergency-admissions-65", 250, new DateOnly(2024, 4, 1), 225, new DateOnly(2027, 3, 31));
        var add = new AddBenefit(db, audit);
        Assert.Equal("benefit-indicator", await Refused(() => add.AddAsync(office, programme.Id, plan with { IndicatorId = "made-up" }, Known)));
        Assert.Equal("benefit-target-date", await Refused(() => add.AddAsync(office, programme.Id, plan with { TargetDate = plan.BaselineDate }, Known)));
        Assert.Equal("benefit-target", await Refused(() => add.AddAsync(office, programme.Id, plan with { Target = 250 }, Known)));
        Assert.Null(await Refused(() => add.AddAsync(office, programme.Id + 1, plan, Known)));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => add.AddAsync(EqualityImpactAssessmentTests.Board, programme.Id, plan, Known));

        db.ChangeTracker.Clear();
        Assert.Equal(rows, await db.AuditLog.CountAsync());
        Assert.Equal((1, 0), (await db.Programmes.CountAsync(), await db.Benefits.CountAsync()));
        Assert.Equal(MilestoneStatus.NotStarted, (await db.Milestones.SingleAsync()).Status);
    }

    private static Benefit Benefit(double baseline, double target) => new()
    {
        Title = "B",
        Owner = "O",
        IndicatorId = "i",
        Baseline = baseline,
        Target = target,
        BaselineDate = new DateOnly(2024, 1, 1),
        TargetDate = new DateOnly(2026, 1, 1),
    };

    private static OnePlace.Core.Governance.IndicatorReading Reading(double? latest) =>
        new("i", "I", "per 100,000", "lower", new DateTime(2025, 1, 1), "Amber", null, null, latest, new DateOnly(2024, 12, 31), null);

    [Theory]
    // A fall from 200 to 100 over two years; on 2025-01-01 (366 of 731 days) the line stands at 149.93.
    [InlineData(200, 100, 90.0, RealisationStatus.Achieved)]
    [InlineData(200, 100, 140.0, RealisationStatus.OnTrack)]
    [InlineData(200, 100, 160.0, RealisationStatus.Behind)]
    // A rise from 60% to 80% still at home; the line stands at 70.01%.
    [InlineData(60, 80, 81.0, RealisationStatus.Achieved)]
    [InlineData(60, 80, 71.0, RealisationStatus.OnTrack)]
    [InlineData(60, 80, 65.0, RealisationStatus.Behind)]
    [InlineData(60, 80, null, RealisationStatus.NoData)]
    public void A_benefit_is_realised_against_the_line_from_baseline_to_target(double baseline, double target, double? latest, RealisationStatus expected)
    {
        var realisation = BenefitRealisation.Of(Benefit(baseline, target), Reading(latest), new DateOnly(2025, 1, 1));

        Assert.Equal(expected, realisation.Status);
        Assert.Equal(baseline + ((target - baseline) * 366 / 731), realisation.Expected, 6);
        Assert.Equal(RealisationStatus.NoData, BenefitRealisation.Of(Benefit(baseline, target), null, new DateOnly(2025, 1, 1)).Status);
    }
}
