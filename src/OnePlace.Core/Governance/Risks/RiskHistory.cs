using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>The whole risk after a change, as a revision keeps it: the risk, its actions and its linked indicators.</summary>
public sealed record RiskSnapshot(
    string Reference, string Title, string Cause, string Event, string Effect, RiskCategory Category, string Owner,
    int InherentLikelihood, int InherentImpact, int CurrentLikelihood, int CurrentImpact, int TargetLikelihood, int TargetImpact,
    string Controls, RiskStatus Status, int ReviewEveryDays, DateOnly NextReviewDue, DateTime? LastReviewedAtUtc, string? LastReviewedBy,
    int Version, IReadOnlyList<RiskSnapshotAction> Actions, IReadOnlyList<string> Indicators)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RiskSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<RiskSnapshot>(json, Json) ?? throw new InvalidOperationException("A risk revision's snapshot is empty.");

    public static RiskSnapshot Of(Risk r, IEnumerable<RiskAction> actions, IEnumerable<string> indicators) => new(
        r.Reference, r.Title, r.Cause, r.Event, r.Effect, r.Category, r.Owner,
        r.InherentLikelihood, r.InherentImpact, r.CurrentLikelihood, r.CurrentImpact, r.TargetLikelihood, r.TargetImpact,
        r.Controls, r.Status, r.ReviewEveryDays, r.NextReviewDue, r.LastReviewedAtUtc, r.LastReviewedBy, r.Version,
        [.. actions.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Select(a => new RiskSnapshotAction(a.Description, a.Owner, a.DueDate, a.CompletedOn))],
        [.. indicators.Order(StringComparer.Ordinal)]);
}

public sealed record RiskSnapshotAction(string Description, string Owner, DateOnly DueDate, DateOnly? CompletedOn);

/// <summary>
/// What every change to a risk shares: the risk is loaded and its version checked against the one the change was made
/// on (optimistic concurrency), and after the change the version goes up, a <see cref="RiskRevision"/> keeps the whole
/// risk and an audit row says who changed what, all saved in one SaveChanges.
/// </summary>
public sealed class RiskHistory(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const string StaleMessage =
        "Someone else changed this risk since you opened it. Nothing was changed: read the risk again and make your change to it as it now stands.";

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The open risk <paramref name="riskId"/> at <paramref name="version"/>, or a refusal.</summary>
    public async Task<Risk> OpenRiskAsync(int riskId, int version, CancellationToken cancellationToken, bool mayBeClosed = false)
    {
        var risk = await db.Risks.SingleOrDefaultAsync(r => r.Id == riskId, cancellationToken)
            ?? throw new GovernanceChangeException($"There is no risk {riskId}.");
        if (risk.Version != version)
        {
            throw new GovernanceChangeException(StaleMessage, "version");
        }

        if (risk.Status == RiskStatus.Closed && !mayBeClosed)
        {
            throw new GovernanceChangeException($"Risk {risk.Reference} is closed; a closed risk is not changed.");
        }

        return risk;
    }

    /// <summary>Bumps the version, adds the revision and the audit row, and saves them with the change as one.</summary>
    public async Task SaveAsync(StaffActor actor, Risk risk, string action, string summary, CancellationToken cancellationToken)
    {
        bool recorded = risk.Id == 0;
        if (!recorded)
        {
            risk.Version++;
        }

        List<RiskAction> actions = [];
        List<string> linked = [];
        if (!recorded)
        {
            // Loaded into the context, whose local view also holds what this change adds and leaves out what it removes.
            await db.RiskActions.Where(a => a.RiskId == risk.Id).LoadAsync(cancellationToken);
            await db.RiskIndicatorLinks.Where(l => l.RiskId == risk.Id).LoadAsync(cancellationToken);
            actions = [.. db.RiskActions.Local.Where(a => a.RiskId == risk.Id)];
            linked = [.. db.RiskIndicatorLinks.Local.Where(l => l.RiskId == risk.Id).Select(l => l.IndicatorId)];
        }

        int number = recorded ? 1 : await db.RiskRevisions.Where(r => r.RiskId == risk.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var revision = new RiskRevision
        {
            Number = recorded ? 1 : number + 1,
            ChangedAtUtc = Now,
            ChangedBy = actor.AuditName,
            Summary = summary.Length > 2000 ? summary[..2000] : summary,
            Snapshot = RiskSnapshot.Of(risk, actions, linked).ToJson(),
        };
        if (recorded)
        {
            // The risk's id is given by the store: save it first, then the revision, in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            audit.Add(actor.AuditName, action, detail: $"risk={risk.Reference}; {summary}");
            await db.SaveChangesAsync(cancellationToken);
            revision.RiskId = risk.Id;
            db.RiskRevisions.Add(revision);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        revision.RiskId = risk.Id;
        db.RiskRevisions.Add(revision);
        audit.Add(actor.AuditName, action, detail: string.Create(CultureInfo.InvariantCulture, $"risk={risk.Reference}; revision={revision.Number}; {summary}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new GovernanceChangeException(StaleMessage, "version");
        }
    }
}
