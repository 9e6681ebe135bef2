using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Synthetic.Demo;

/// <summary>
/// The demo partnership's transformation programme and equality impact assessments (PRODUCT.md F2, F3), made through
/// their own use cases as the programme office and a board member would. The programme has the shape of Powys's
/// "in One Place" programme (assessment, implementation, benefits realisation), dated over the demo borough's three
/// years of activity (April 2023 to March 2026) and on to 2027; its milestones and owners are illustrative. Its
/// benefits are measured by real indicators of the outcomes framework: each baseline is the indicator's own latest
/// demo value moved by a stated margin (what the value was before the programme, in this made-up story), so that the
/// realisation read from the data is meaningful on the demo's figures.
/// </summary>
public static class DemoProgramme
{
    public const string Illustrative = "Illustrative demo programme: not a partnership's plan.";

    private static readonly StaffActor Office = new(DemoBorough.DemoActor, DemoBorough.DemoActor, [StaffRoles.ProgrammeOffice]);
    private static readonly StaffActor Board = new(DemoBorough.DemoActor, DemoBorough.DemoActor, [StaffRoles.BoardMember]);

    /// <summary>
    /// Adds the programme unless the store holds one, and the two assessments unless it holds any; true if it added
    /// anything. <paramref name="latestByIndicator"/> is the outcomes framework's latest value of each indicator it knows
    /// (null when withheld); a benefit whose indicator has no value is left out.
    /// </summary>
    public static async Task<bool> EnsureAsync(
        OnePlaceDb db, TimeProvider clock, TriageRules rules, IReadOnlyDictionary<string, double?> latestByIndicator, CancellationToken cancellationToken = default)
    {
        bool added = false;
        var audit = new AuditWriter(db, clock);
        if (!await db.Programmes.AnyAsync(cancellationToken))
        {
            await AddProgrammeAsync(db, audit, clock, latestByIndicator, cancellationToken);
            added = true;
        }

        if (!await db.EqualityImpactAssessments.AnyAsync(cancellationToken))
        {
            await AddAssessmentsAsync(db, audit, clock, rules, cancellationToken);
            added = true;
        }

        return added;
    }

    private static async Task AddProgrammeAsync(OnePlaceDb db, AuditWriter audit, TimeProvider clock, IReadOnlyDictionary<string, double?> latest, CancellationToken cancellationToken)
    {
        var programme = await new SetUpProgramme(db, audit, clock).SetUpAsync(Office,
            "Care in one place",
            "Integrated health and social care for older people in the borough: one point of access, urgent community response, reablement and care closer to home. " + Illustrative,
            "Director of Integration",
            [
                new("Assessment", new DateOnly(2023, 4, 1), new DateOnly(2023, 9, 30)),
                new("Implementation", new DateOnly(2023, 10, 1), new DateOnly(2025, 3, 31)),
                new("Benefits realisation", new DateOnly(2025, 4, 1), new DateOnly(2027, 3, 31)),
            ], cancellationToken);
        var phases = await db.ProgrammePhases.AsNoTracking().Where(p => p.ProgrammeId == programme.Id).OrderBy(p => p.Order).Select(p => p.Id).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var addMilestone = new AddMilestone(db, audit);
        var update = new UpdateMilestone(db, audit, clock);
        foreach (var (phase, title, owner, due, status, done) in new (int, string, string, DateOnly, MilestoneStatus, DateOnly?)[]
        {
            (0, "Population needs assessment agreed by the board", "Director of Public Health", new DateOnly(2023, 7, 31), MilestoneStatus.Complete, new DateOnly(2023, 7, 20)),
            (0, "Business case and section 75 agreement signed", "Director of Finance", new DateOnly(2023, 9, 30), MilestoneStatus.Complete, new DateOnly(2023, 9, 28)),
            (1, "Single point of access live in every locality", "Head of Single Point of Access", new DateOnly(2024, 3, 31), MilestoneStatus.Complete, new DateOnly(2024, 4, 15)),
            (1, "Urgent community response 24/7", "Clinical Lead, Community Services", new DateOnly(2024, 9, 30), MilestoneStatus.Complete, new DateOnly(2024, 9, 26)),
            (1, "Shared care record open to all partners", "Chief Information Officer", new DateOnly(2025, 3, 31), MilestoneStatus.OffTrack, null),
            (2, "Reablement capacity up by a fifth", "Head of Reablement", new DateOnly(2025, 12, 31), MilestoneStatus.AtRisk, null),
            (2, "Frailty MDTs in every primary care network", "Clinical Director, Primary Care", today.AddMonths(4), MilestoneStatus.OnTrack, null),
            (2, "Benefits review at the partnership board", "Programme Director", new DateOnly(2027, 3, 31), MilestoneStatus.NotStarted, null),
        })
        {
            var milestone = await addMilestone.AddAsync(Office, phases[phase], title, owner, due, cancellationToken);
            if (status != MilestoneStatus.NotStarted)
            {
                await update.UpdateAsync(Office, milestone.Id, status, done, null, cancellationToken);
            }
        }

        var known = latest.Where(l => l.Value is not null).Select(l => l.Key).ToList();
        var addBenefit = new AddBenefit(db, audit);
        // Baseline: the latest value moved against the benefit's direction by the margin (before the programme); target: a further step.
        foreach (var (indicator, title, owner, baselineMargin, targetMargin) in new[]
        {
            ("emergency-admissions-65", "Fewer emergency admissions of people aged 65 and over", "Clinical Lead, Community Services", 0.08, 0.01),
            ("care-home-admissions-65", "Fewer permanent admissions to care homes", "Director of Adult Social Care", 0.20, -0.01),
            ("still-at-home-91-days", "More people still at home 91 days after leaving hospital for reablement", "Head of Reablement", -0.05, 0.03),
            ("ucr-seen-within-2-hours", "Urgent community response within 2 hours", "Head of Single Point of Access", -0.10, 0.02),
        })
        {
            if (latest.GetValueOrDefault(indicator) is not { } value || value == 0)
            {
                continue;
            }

            await addBenefit.AddAsync(Office, programme.Id, new BenefitPlan(
                title, owner, indicator, Math.Round(value * (1 + baselineMargin), 1), new DateOnly(2023, 4, 1),
                Math.Round(value * (1 + targetMargin), 1), new DateOnly(2027, 3, 31)), known, cancellationToken);
        }
    }

    private static async Task AddAssessmentsAsync(OnePlaceDb db, AuditWriter audit, TimeProvider clock, TriageRules rules, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = new StartEqia(db, audit, clock, rules);
        var assess = new AssessCharacteristic(db, audit);

        // A service change, assessed in full and signed off.
        var decided = await start.StartAsync(Office, new EqiaProposal(
            "Reablement moves to a seven-day service",
            "Reablement starts packages on Saturdays and Sundays as well as weekdays, so that people leave hospital at the weekend. " + Illustrative,
            EqiaSubjectKind.ServiceChange, "Seven-day reablement", "Head of Reablement", today.AddDays(7)), cancellationToken);
        int version = decided.Version;
        foreach (var c in Enum.GetValues<Characteristic>())
        {
            var (impact, evidence, mitigation) = c switch
            {
                Characteristic.Age => (EqiaImpact.Positive, "Nine in ten people reabled are 65 or over; weekend discharges wait on average two days longer.", ""),
                Characteristic.Disability => (EqiaImpact.Positive, "Most people reabled live with a disability or long-term condition.", ""),
                Characteristic.Carers => (EqiaImpact.Negative, "Carers' forum: some carers rely on weekday-only visits to plan their own work.",
                    "Carers are asked their preferred days at assessment; the rota keeps weekday visits where a carer asks."),
                Characteristic.SocioEconomicDeprivation => (EqiaImpact.Positive, "Weekend waits are longest in the most deprived fifth of the borough, where fewer people have family who can help.", ""),
                _ => (EqiaImpact.Neutral, "No difference expected: the change is in the days the service runs, not who it serves.", ""),
            };
            version = (await assess.AssessAsync(Office, decided.Id, version, c, impact, evidence, mitigation, cancellationToken)).Version;
        }

        version = (await new SubmitEqiaForSignOff(db, audit).SubmitAsync(Office, decided.Id, version, cancellationToken)).Version;
        await new SignOffEqia(db, audit, clock).SignOffAsync(Board, decided.Id, version, EqiaDecision.Continue,
            "The benefit to older and disabled people leaving hospital outweighs the change for carers, which the preferred-days rota mitigates.", cancellationToken);

        // A draft due soon.
        var draft = await start.StartAsync(Office, new EqiaProposal(
            "Day centre transport by booking only",
            "Transport to day centres is booked a day ahead instead of running fixed rounds, to free minibuses for hospital discharges. " + Illustrative,
            EqiaSubjectKind.ServiceChange, "Day centre transport", "Head of Commissioning", today.AddDays(14)), cancellationToken);
        version = draft.Version;
        version = (await assess.AssessAsync(Office, draft.Id, version, Characteristic.Age, EqiaImpact.Negative,
            "Most day centre users are over 80; a third have no telephone of their own.",
            "Day centre staff book the next visit with each person before they leave.", cancellationToken)).Version;
        await new AddEqiaEvidence(db, audit, clock).AddAsync(Office, draft.Id, version, "Day centre users' survey",
            "Of 120 users asked, 38 said they would find booking a day ahead hard; most of them live alone.", cancellationToken);
    }
}
