using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>
/// Changes a risk on the register (PRODUCT.md F1): its words, owner, category, controls and review frequency; its current
/// and target scores, with the reason; the indicators that watch it; its actions. Each change is made against the
/// version of the risk the programme office read (a stale one is refused), and is kept as a revision with the whole
/// risk after it and an audit row.
/// </summary>
public sealed class ChangeRisk(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    private RiskHistory History => new(db, audit, clock);

    public async Task<Risk> ChangeDetailsAsync(StaffActor actor, int riskId, int version, RiskDetails details, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        RiskRules.Check(details);
        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        var changed = new List<string>();
        risk.Title = Set(risk.Title, details.Title.Trim(), "title", changed);
        risk.Cause = Set(risk.Cause, details.Cause.Trim(), "cause", changed);
        risk.Event = Set(risk.Event, details.Event.Trim(), "event", changed);
        risk.Effect = Set(risk.Effect, details.Effect.Trim(), "effect", changed);
        risk.Owner = Set(risk.Owner, details.Owner.Trim(), "owner", changed, show: true);
        if (risk.Category != details.Category)
        {
            changed.Add($"category from {risk.Category} to {details.Category}");
            risk.Category = details.Category;
        }

        risk.Controls = Set(risk.Controls, (details.Controls ?? "").Trim(), "controls", changed);
        if (risk.ReviewEveryDays != details.ReviewEveryDays)
        {
            changed.Add(string.Create(CultureInfo.InvariantCulture, $"review every {risk.ReviewEveryDays} days to every {details.ReviewEveryDays} days"));
            risk.ReviewEveryDays = details.ReviewEveryDays;
            // The next review is counted from the last one (or from when the risk was recorded) at the new frequency.
            var from = DateOnly.FromDateTime(risk.LastReviewedAtUtc ?? risk.CreatedAtUtc);
            risk.NextReviewDue = from.AddDays(risk.ReviewEveryDays);
        }

        if (changed.Count == 0)
        {
            throw new GovernanceChangeException("Nothing was changed: the risk already reads as the form does.", "unchanged");
        }

        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, "Changed " + string.Join("; ", changed) + ".", cancellationToken);
        return risk;
    }

    /// <summary>Re-scores the risk's current and target positions, with the reason (for example an action done, a control failing).</summary>
    public async Task<Risk> RescoreAsync(StaffActor actor, int riskId, int version, RiskScore current, RiskScore target, string reason, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        RiskRules.CheckScores(current, target);
        string why = RiskRules.Text(reason, RiskRules.MaxReason, "reason", "Give the reason for the new scores");
        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        string summary = Rescore(risk, current, target) ?? throw new GovernanceChangeException("The scores are the ones the risk already has.", "unchanged");
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, $"Re-scored: {summary}. Reason: {why}", cancellationToken);
        return risk;
    }

    /// <summary>Links an indicator of the outcomes framework to the risk; <paramref name="knownIndicatorIds"/> are the
    /// framework's indicators, and an id not among them is refused.</summary>
    public async Task<Risk> LinkIndicatorAsync(StaffActor actor, int riskId, int version, string indicatorId, IReadOnlyCollection<string> knownIndicatorIds, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        string id = (indicatorId ?? "").Trim();
        if (!knownIndicatorIds.Contains(id, StringComparer.Ordinal))
        {
            throw new GovernanceChangeException($"There is no indicator \"{id}\" in the outcomes framework.", "indicator");
        }

        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        if (await db.RiskIndicatorLinks.AnyAsync(l => l.RiskId == riskId && l.IndicatorId == id, cancellationToken))
        {
            throw new GovernanceChangeException($"The risk is already linked to {id}.", "indicator");
        }

        db.RiskIndicatorLinks.Add(new RiskIndicatorLink { RiskId = riskId, IndicatorId = id });
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, $"Linked indicator {id}.", cancellationToken);
        return risk;
    }

    public async Task<Risk> UnlinkIndicatorAsync(StaffActor actor, int riskId, int version, string indicatorId, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        var link = await db.RiskIndicatorLinks.SingleOrDefaultAsync(l => l.RiskId == riskId && l.IndicatorId == indicatorId, cancellationToken)
            ?? throw new GovernanceChangeException($"The risk is not linked to {indicatorId}.", "unlink");
        db.RiskIndicatorLinks.Remove(link);
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, $"Unlinked indicator {link.IndicatorId}.", cancellationToken);
        return risk;
    }

    /// <summary>Adds an action that will bring the risk towards its target: what, who and by when.</summary>
    public async Task<RiskAction> AddActionAsync(StaffActor actor, int riskId, int version, string description, string owner, DateOnly? dueDate, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        string what = RiskRules.Text(description, RiskRules.MaxActionDescription, "action-description", "Say what the action is");
        string who = RiskRules.Text(owner, RiskRules.MaxOwner, "action-owner", "Say who owns the action");
        if (dueDate is not { } due)
        {
            throw new GovernanceChangeException("Give the date the action is due, as day, month and year.", "action-due");
        }

        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        var action = new RiskAction { RiskId = riskId, Description = what, Owner = who, DueDate = due };
        db.RiskActions.Add(action);
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, string.Create(CultureInfo.InvariantCulture,
            $"Added action \"{what}\", owner {who}, due {due:yyyy-MM-dd}."), cancellationToken);
        return action;
    }

    /// <summary>Marks one of the risk's actions done today.</summary>
    public async Task<RiskAction> CompleteActionAsync(StaffActor actor, int riskId, int version, int actionId, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        var history = History;
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        var action = await db.RiskActions.SingleOrDefaultAsync(a => a.Id == actionId && a.RiskId == riskId, cancellationToken)
            ?? throw new GovernanceChangeException("The risk has no such action.", "action");
        if (action.CompletedOn is not null)
        {
            throw new GovernanceChangeException($"The action \"{action.Description}\" is already done.", "action");
        }

        action.CompletedOn = history.Today;
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskChanged, $"Completed action \"{action.Description}\".", cancellationToken);
        return action;
    }

    /// <summary>Sets the current and target scores; says what changed in words, or null if nothing did.</summary>
    internal static string? Rescore(Risk risk, RiskScore current, RiskScore target)
    {
        var was = (Current: new RiskScore(risk.CurrentLikelihood, risk.CurrentImpact), Target: new RiskScore(risk.TargetLikelihood, risk.TargetImpact));
        if (was.Current == current && was.Target == target)
        {
            return null;
        }

        risk.CurrentLikelihood = current.Likelihood;
        risk.CurrentImpact = current.Impact;
        risk.TargetLikelihood = target.Likelihood;
        risk.TargetImpact = target.Impact;
        return $"current {was.Current} to {current}, target {was.Target} to {target}";
    }

    private static string Set(string before, string after, string name, List<string> changed, bool show = false)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changed.Add(show ? $"{name} from {before} to {after}" : name);
        }

        return after;
    }
}
