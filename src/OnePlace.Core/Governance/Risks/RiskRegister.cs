using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>Which risks the register lists: by status and category, and only those due for review.</summary>
public sealed record RiskFilter(RiskStatus? Status = RiskStatus.Open, RiskCategory? Category = null, bool DueOnly = false);

/// <summary>A risk as the register lists it: its linked indicators, why it is due for review now (none if not), and
/// whether its review date falls within <see cref="RiskRegister.ReminderDays"/> days.</summary>
public sealed record RiskRow(Risk Risk, IReadOnlyList<string> IndicatorIds, IReadOnlyList<RiskReviewDue> Due, bool DueSoon)
{
    public bool IsDue => Due.Count > 0;
}

/// <summary>One risk with its actions, linked indicators, review reasons and every revision, newest first.</summary>
public sealed record RiskRecord(Risk Risk, IReadOnlyList<RiskAction> Actions, IReadOnlyList<string> IndicatorIds, IReadOnlyList<RiskReviewDue> Due, bool DueSoon, IReadOnlyList<RiskRevision> Revisions);

/// <summary>How many open risks sit in each cell of the 5×5 matrix, at their current and at their target positions.</summary>
public sealed record RiskHeatMap(int[,] Current, int[,] Target)
{
    /// <summary>Open risks at likelihood <paramref name="likelihood"/> and impact <paramref name="impact"/> (each 1–5).</summary>
    public int CurrentAt(int likelihood, int impact) => Current[likelihood - 1, impact - 1];

    public int TargetAt(int likelihood, int impact) => Target[likelihood - 1, impact - 1];

    public static RiskHeatMap Of(IEnumerable<Risk> risks)
    {
        var current = new int[5, 5];
        var target = new int[5, 5];
        foreach (var risk in risks.Where(r => r.Status == RiskStatus.Open))
        {
            current[risk.CurrentLikelihood - 1, risk.CurrentImpact - 1]++;
            target[risk.TargetLikelihood - 1, risk.TargetImpact - 1]++;
        }

        return new RiskHeatMap(current, target);
    }
}

/// <summary>
/// Reads the partnership's risk register (PRODUCT.md F1) for those who may see governance: the risks with filters, one
/// risk with its history, the reminders (due for review now, or within <see cref="ReminderDays"/> days), and the heat
/// map. Review reasons come from <see cref="RiskReview.DueReasons"/> on the indicator readings the caller gives, which
/// the web host makes from the dashboards' own snapshot.
/// </summary>
public sealed class RiskRegister(OnePlaceDb db, TimeProvider clock)
{
    /// <summary>The register reminds owners of reviews falling within two weeks, time to put them on a meeting's agenda.</summary>
    public const int ReminderDays = 14;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<RiskRow>> ListAsync(StaffActor actor, RiskFilter filter, IReadOnlyDictionary<string, IndicatorReading> readings, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var query = db.Risks.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        var risks = await query.ToListAsync(cancellationToken);
        var ids = risks.Select(r => r.Id).ToList();
        var links = (await db.RiskIndicatorLinks.AsNoTracking().Where(l => ids.Contains(l.RiskId)).ToListAsync(cancellationToken))
            .ToLookup(l => l.RiskId, l => l.IndicatorId);
        var today = Today;
        var rows = risks
            .Select(r => Row(r, links[r.Id], readings, today))
            .Where(r => !filter.DueOnly || r.IsDue)
            .OrderByDescending(r => r.IsDue)
            .ThenByDescending(r => r.Risk.CurrentScore)
            .ThenBy(r => r.Risk.Reference, StringComparer.Ordinal)
            .ToList();
        return rows;
    }

    /// <summary>The risk with its history; null when there is no such risk.</summary>
    public async Task<RiskRecord?> OneAsync(StaffActor actor, int riskId, IReadOnlyDictionary<string, IndicatorReading> readings, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var risk = await db.Risks.AsNoTracking().SingleOrDefaultAsync(r => r.Id == riskId, cancellationToken);
        if (risk is null)
        {
            return null;
        }

        var actions = await db.RiskActions.AsNoTracking().Where(a => a.RiskId == riskId).ToListAsync(cancellationToken);
        var links = await db.RiskIndicatorLinks.AsNoTracking().Where(l => l.RiskId == riskId).Select(l => l.IndicatorId).ToListAsync(cancellationToken);
        var revisions = await db.RiskRevisions.AsNoTracking().Where(r => r.RiskId == riskId).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        var row = Row(risk, links, readings, Today);
        return new RiskRecord(risk, [.. actions.OrderBy(a => a.CompletedOn is not null).ThenBy(a => a.DueDate).ThenBy(a => a.Id)], row.IndicatorIds, row.Due, row.DueSoon, revisions);
    }

    /// <summary>The open risks' heat map, at their current and target positions.</summary>
    public async Task<RiskHeatMap> HeatMapAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        return RiskHeatMap.Of(await db.Risks.AsNoTracking().Where(r => r.Status == RiskStatus.Open).ToListAsync(cancellationToken));
    }

    /// <summary>How many open risks are due for review now, for the home page's reminder.</summary>
    public async Task<int> DueCountAsync(StaffActor actor, IReadOnlyDictionary<string, IndicatorReading> readings, CancellationToken cancellationToken = default) =>
        (await ListAsync(actor, new RiskFilter(RiskStatus.Open, DueOnly: true), readings, cancellationToken)).Count;

    private static RiskRow Row(Risk risk, IEnumerable<string> links, IReadOnlyDictionary<string, IndicatorReading> readings, DateOnly today)
    {
        var ids = links.Order(StringComparer.Ordinal).ToList();
        var due = RiskReview.DueReasons(risk, ids, readings, today);
        bool soon = risk.Status == RiskStatus.Open && due.Count == 0 && risk.NextReviewDue <= today.AddDays(ReminderDays);
        return new RiskRow(risk, ids, due, soon);
    }
}
