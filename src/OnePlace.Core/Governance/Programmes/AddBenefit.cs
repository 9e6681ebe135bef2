using System.Globalization;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Programmes;

/// <summary>What a benefit promises: measured by an indicator, from its baseline value on a date to a target value by a later date.</summary>
public sealed record BenefitPlan(string Title, string Owner, string IndicatorId, double Baseline, DateOnly BaselineDate, double Target, DateOnly TargetDate);

/// <summary>
/// Adds a benefit to a programme, measured by an outcomes framework indicator so that its realisation is read from
/// the data (<see cref="BenefitRealisation"/>). Core does not read the framework: the caller passes the indicator ids
/// the last framework run knows, and the benefit's indicator must be one of them.
/// </summary>
public sealed class AddBenefit(OnePlaceDb db, AuditWriter audit)
{
    public async Task<Benefit> AddAsync(StaffActor actor, int programmeId, BenefitPlan plan, IReadOnlyCollection<string> knownIndicatorIds, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        GovernanceChangeException? refusal =
            ProgrammeRules.Text(plan.Title, "benefit-title", "the benefit", ProgrammeRules.MaxTitle)
            ?? ProgrammeRules.Text(plan.Owner, "benefit-owner", "who owns the benefit", ProgrammeRules.MaxName)
            ?? (!knownIndicatorIds.Contains(plan.IndicatorId.Trim()) ? new("Choose an indicator of the outcomes framework.", "benefit-indicator")
            : !double.IsFinite(plan.Baseline) ? new("Enter the baseline as a number.", "benefit-baseline")
            : !double.IsFinite(plan.Target) ? new("Enter the target as a number.", "benefit-target")
            : plan.Target == plan.Baseline ? new("The target must differ from the baseline: a benefit is a change.", "benefit-target")
            : plan.TargetDate <= plan.BaselineDate ? new("The target date must be after the baseline date.", "benefit-target-date")
            : null);
        if (refusal is not null)
        {
            throw refusal;
        }

        var programme = await ProgrammeRules.ProgrammeAsync(db, programmeId, cancellationToken);
        var benefit = new Benefit
        {
            ProgrammeId = programme.Id,
            Title = plan.Title.Trim(),
            Owner = plan.Owner.Trim(),
            IndicatorId = plan.IndicatorId.Trim(),
            Baseline = plan.Baseline,
            BaselineDate = plan.BaselineDate,
            Target = plan.Target,
            TargetDate = plan.TargetDate,
        };
        db.Benefits.Add(benefit);
        audit.Add(actor.AuditName, GovernanceAuditAction.ProgrammeChanged, detail: string.Create(CultureInfo.InvariantCulture,
            $"programme={programme.Id}; benefit added; title={benefit.Title}; indicator={benefit.IndicatorId}; baseline={benefit.Baseline} on {benefit.BaselineDate:yyyy-MM-dd}; target={benefit.Target} by {benefit.TargetDate:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
        return benefit;
    }
}
