using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Programmes;

/// <summary>A phase as the programme is set up with it, in order.</summary>
public sealed record PhasePlan(string Name, DateOnly Start, DateOnly End);

/// <summary>
/// Sets up a transformation programme (PRODUCT.md F3) with its phases in order, as the Powys "in One Place" programme
/// ran (assessment, implementation, benefits realisation): at least one phase, each ending on or after its start, each
/// starting after the one before ends, so that on any day at most one phase is current. Audited.
/// </summary>
public sealed class SetUpProgramme(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<Programme> SetUpAsync(StaffActor actor, string? name, string? description, string? owner, IReadOnlyList<PhasePlan> phases, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        if ((ProgrammeRules.Text(name, "name", "the programme's name", ProgrammeRules.MaxName)
            ?? ProgrammeRules.Text(owner, "owner", "the programme's owner", ProgrammeRules.MaxName)
            ?? ((description?.Trim().Length ?? 0) > ProgrammeRules.MaxLong ? new GovernanceChangeException($"Keep the description to {ProgrammeRules.MaxLong} characters.", "description") : null)
            ?? PhasesRefusal(phases)) is { } refusal)
        {
            throw refusal;
        }

        var programme = new Programme
        {
            Name = name!.Trim(),
            Description = description?.Trim() ?? "",
            Owner = owner!.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.AuditName,
        };
        db.Programmes.Add(programme);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ProgrammePhases.AddRange(phases.Select((p, i) => new ProgrammePhase { ProgrammeId = programme.Id, Order = i + 1, Name = p.Name.Trim(), Start = p.Start, End = p.End }));
        audit.Add(actor.AuditName, GovernanceAuditAction.ProgrammeChanged, detail: string.Create(CultureInfo.InvariantCulture,
            $"programme={programme.Id}; set up; name={programme.Name}; owner={programme.Owner}; phases={string.Join(" | ", phases.Select(p => $"{p.Name.Trim()} {p.Start:yyyy-MM-dd}..{p.End:yyyy-MM-dd}"))}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return programme;
    }

    public static GovernanceChangeException? PhasesRefusal(IReadOnlyList<PhasePlan> phases)
    {
        if (phases.Count == 0)
        {
            return new("A programme needs at least one phase.", "phases");
        }

        for (int i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            if (ProgrammeRules.Text(p.Name, "phases", $"phase {i + 1}'s name", ProgrammeRules.MaxName) is { } bad)
            {
                return bad;
            }

            if (p.End < p.Start)
            {
                return new($"Phase {p.Name.Trim()} ends before it starts.", "phases");
            }

            if (i > 0 && p.Start <= phases[i - 1].End)
            {
                return new($"Phase {p.Name.Trim()} starts before {phases[i - 1].Name.Trim()} ends: phases follow one another without overlapping.", "phases");
            }
        }

        return null;
    }
}

/// <summary>The programme's rules shared by its use cases: field lengths (the store's column widths).</summary>
internal static class ProgrammeRules
{
    public const int MaxName = 200;
    public const int MaxTitle = 300;
    public const int MaxNote = 2000;
    public const int MaxLong = 4000;

    public static GovernanceChangeException? Text(string? value, string field, string what, int max) =>
        string.IsNullOrWhiteSpace(value) ? new($"Enter {what}.", field)
        : value.Trim().Length > max ? new(string.Create(CultureInfo.InvariantCulture, $"Keep {what} to {max} characters."), field)
        : null;

    public static async Task<Programme> ProgrammeAsync(OnePlaceDb db, int id, CancellationToken cancellationToken) =>
        await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new GovernanceChangeException($"There is no programme {id}.");
}
