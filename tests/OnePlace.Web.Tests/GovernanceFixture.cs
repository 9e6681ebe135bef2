using OnePlace.Analytics.Indicators;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Store;
using OnePlace.Web.Features.Governance;

namespace OnePlace.Web.Tests;

/// <summary>A register, assessments and a programme written straight into the store, dated around the pack's period:
/// thirteen risks (one closed, one watched by an indicator), four assessments (overdue, due within three months, due
/// later, signed off in the month) and a programme in three phases with milestones either side of the period and a
/// benefit measured by the watched indicator.</summary>
public static class GovernanceFixture
{
    /// <summary>The indicator the watched risk and the benefit follow: a red one if the run has one.</summary>
    public static string WatchedIndicator(OutcomesSnapshot snapshot) =>
        (snapshot.Indicators.FirstOrDefault(i => i.Rag == "Red") ?? snapshot.Indicators.First(i => i.Id == "emergency-admissions-65")).Id;

    public static async Task AddAsync(OnePlaceDb db, OutcomesSnapshot snapshot, DateOnly period)
    {
        var end = period.AddMonths(1).AddDays(-1);
        var at = DateTime.UtcNow;
        string watched = WatchedIndicator(snapshot);
        for (int i = 1; i <= 13; i++)
        {
            // R-001 scores 4×5; the rest fall away, two at a time sharing a current score.
            int likelihood = i == 1 ? 4 : Math.Max(1, 5 - (i / 3));
            int impact = i == 1 ? 5 : Math.Max(1, 4 - (i % 3));
            db.Risks.Add(new Risk
            {
                Reference = $"R-{i:000}",
                Title = $"Risk {i} of the partnership",
                Cause = "cause",
                Event = "event",
                Effect = "effect",
                Owner = i % 2 == 0 ? "Director of Finance" : "Director of Adult Social Care",
                Category = RiskCategory.Strategic,
                InherentLikelihood = Math.Min(5, likelihood + 1),
                InherentImpact = impact,
                CurrentLikelihood = likelihood,
                CurrentImpact = impact,
                TargetLikelihood = 2,
                TargetImpact = 3,
                Status = i == 13 ? RiskStatus.Closed : RiskStatus.Open,
                NextReviewDue = i == 1 ? end.AddDays(-5) : end.AddMonths(2),
                CreatedAtUtc = at,
                CreatedBy = "office@partnership.test",
            });
        }

        db.Risks.Local.Single(r => r.Reference == "R-001").InherentLikelihood = 4;
        await db.SaveChangesAsync();
        db.RiskIndicatorLinks.Add(new RiskIndicatorLink { RiskId = db.Risks.Local.Single(r => r.Reference == "R-002").Id, IndicatorId = watched });

        db.EqualityImpactAssessments.AddRange(
            Eqia("EQIA-001", "Closing the Bloxwich day centre", EqiaStatus.AwaitingSignOff, end.AddDays(-10), null),
            Eqia("EQIA-002", "Triage rules v4", EqiaStatus.Draft, end.AddMonths(2), null),
            Eqia("EQIA-003", "Community equipment contract", EqiaStatus.Draft, end.AddMonths(6), null),
            Eqia("EQIA-004", "Discharge to assess pathway", EqiaStatus.SignedOff, end.AddDays(-3), period.AddDays(8).ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc)),
            Eqia("EQIA-005", "Carers' breaks", EqiaStatus.SignedOff, end.AddMonths(-3), period.AddMonths(-2).ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc)));

        var programme = new Programme { Name = "Walsall Together in one place", Owner = "Programme director", CreatedAtUtc = at, CreatedBy = "office@partnership.test" };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        var phases = new[]
        {
            new ProgrammePhase { ProgrammeId = programme.Id, Order = 1, Name = "Phase 1: assessment", Start = period.AddMonths(-12), End = period.AddMonths(-1).AddDays(-1) },
            new ProgrammePhase { ProgrammeId = programme.Id, Order = 2, Name = "Phase 2: implementation", Start = period.AddMonths(-1), End = period.AddMonths(6) },
            new ProgrammePhase { ProgrammeId = programme.Id, Order = 3, Name = "Phase 3: benefits realisation", Start = period.AddMonths(6).AddDays(1), End = period.AddMonths(24) },
        };
        db.ProgrammePhases.AddRange(phases);
        await db.SaveChangesAsync();
        db.Milestones.AddRange(
            new Milestone { PhaseId = phases[0].Id, Title = "Business case agreed", Owner = "Programme director", DueDate = period.AddDays(10), Status = MilestoneStatus.Complete, CompletedOn = period.AddDays(5) },
            new Milestone { PhaseId = phases[1].Id, Title = "Hospital discharge hub live", Owner = "Director of Operations", DueDate = period.AddDays(-20), Status = MilestoneStatus.OffTrack },
            new Milestone { PhaseId = phases[1].Id, Title = "Locality teams in every place", Owner = "Director of Operations", DueDate = end.AddMonths(1), Status = MilestoneStatus.OnTrack },
            new Milestone { PhaseId = phases[2].Id, Title = "Evaluation published", Owner = "Head of Intelligence", DueDate = end.AddMonths(8), Status = MilestoneStatus.NotStarted });
        double latest = IndicatorReadings.From(snapshot)[watched].Latest ?? 10;
        db.Benefits.Add(new Benefit
        {
            ProgrammeId = programme.Id,
            Title = "Fewer emergency admissions of older people",
            Owner = "Medical director",
            IndicatorId = watched,
            Baseline = latest * 1.2,
            BaselineDate = period.AddMonths(-12),
            Target = latest * 0.9,
            TargetDate = period.AddMonths(24),
        });
        await db.SaveChangesAsync();

        EqualityImpactAssessment Eqia(string reference, string title, EqiaStatus status, DateOnly dueBy, DateTime? signedOff) => new()
        {
            Reference = reference,
            Title = title,
            Proposal = "proposal",
            Subject = title,
            Owner = "Head of Equality",
            Status = status,
            DueBy = dueBy,
            Decision = signedOff is null ? null : EqiaDecision.Adjust,
            SignedOffBy = signedOff is null ? null : "board@partnership.test",
            SignedOffAtUtc = signedOff,
            CreatedAtUtc = at,
            CreatedBy = "office@partnership.test",
        };
    }
}
