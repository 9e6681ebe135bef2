using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.CaseFinding;

/// <summary>A person a cohort found, by id, with the measures that put them in it (from the analytical store).</summary>
public sealed record CaseFindingCandidate(
    Guid PersonId, string Frailty, int EfiDeficits, int EmergencyAdmissions12Months, int Segment, string SegmentName, double? Risk12Months);

/// <summary>What a team asks for: its MDT list of the people a cohort found in a locality, most in need first.</summary>
public sealed record CaseFindingRequest(
    string TeamCode, string LocalityCode, string Criteria, DateOnly MeasuresAsOf, IReadOnlyList<CaseFindingCandidate> Candidates);

/// <summary>The list made, and how many people the cohort found who were left off: merged into another person or no
/// longer in the person index since the analytical store was refreshed, or died since.</summary>
public sealed record CaseFindingMade(CaseFindingList List, int LeftOffMerged, int LeftOffDied);

/// <summary>Why a case-finding list cannot be made or closed as asked.</summary>
public enum CaseFindingProblem
{
    UnknownTeam,
    UnknownLocality,
    CriteriaRequired,
    NoOneFound,
    TooMany,
    MeasuresNotValid,
    NoOneLeft,
    AlreadyClosed,
    ReasonRequired,
}

/// <summary>The list cannot be made or changed as asked (nothing was changed); <see cref="Field"/> names the input at fault.</summary>
public sealed class CaseFindingException(CaseFindingProblem problem, string message, string? field = null) : Exception(message)
{
    public CaseFindingProblem Problem { get; } = problem;

    public string? Field { get; } = field;
}

/// <summary>
/// Makes a case-finding list a team's MDT list (PRODUCT.md B5 and C3). The people come as ids from a cohort of the
/// analytical store; this is where they become identifiable, so it is where the access check and the audit are. The
/// list, its members, a legitimate relationship between the team and each member (docs/adr/0014) and one audit row per
/// member are saved in one transaction. Case finding for a person's own care is direct care: the National Data Opt-out
/// does not apply (NHS England, National Data Opt-out operational policy: direct care is out of its scope).
/// </summary>
public sealed class MakeCaseFindingList(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <summary>The most people one list holds: an MDT works through a list over a few meetings, and a cohort larger
    /// than this is better narrowed than listed.</summary>
    public const int MaximumMembers = 250;

    public static readonly IReadOnlyList<string> Frailties = ["fit", "mild", "moderate", "severe"];

    /// <summary>
    /// Whether <paramref name="actor"/> may make case-finding lists at all: practitioners and team managers who work in
    /// a team. They hold the team's caseload and sit in its MDT, and the relationship a list makes is their own team's.
    /// SPA coordinators run the queue for every team and belong to none; data stewards and administrators hold a
    /// direct-care role for data quality and support, not to care for people; analysts see counts only.
    /// </summary>
    public static bool MayMakeLists(StaffActor actor) =>
        !actor.IsClientSystem && actor.TeamCode is not null && actor.May(Permission.MakeCaseFindingLists);

    /// <summary>Whether <paramref name="actor"/> may make <paramref name="team"/>'s MDT list of people in
    /// <paramref name="localityCode"/>: their own team only, and one that serves the locality (its own, or borough-wide).</summary>
    public static bool MayMakeListFor(StaffActor actor, Team team, string localityCode) =>
        MayMakeLists(actor) && actor.TeamCode == team.Code && (team.LocalityCode is null || team.LocalityCode == localityCode);

    /// <exception cref="PersonAccessDeniedException">The actor may not make this team's list for this locality (audited).</exception>
    /// <exception cref="CaseFindingException">The request is not valid, or no one found can be listed; nothing was saved.</exception>
    public async Task<CaseFindingMade> MakeAsync(StaffActor actor, CaseFindingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!MayMakeLists(actor))
        {
            await RefuseAsync(actor, request, cancellationToken);
        }

        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Code == request.TeamCode, cancellationToken)
            ?? throw new CaseFindingException(CaseFindingProblem.UnknownTeam, "Choose your team from the list.", "team");
        if (!MayMakeListFor(actor, team, request.LocalityCode))
        {
            await RefuseAsync(actor, request, cancellationToken);
        }

        Validate(request);
        if (!await db.Localities.AnyAsync(l => l.Code == request.LocalityCode, cancellationToken))
        {
            throw new CaseFindingException(CaseFindingProblem.UnknownLocality, "Choose a locality from the list.", "locality");
        }

        var candidates = request.Candidates.DistinctBy(c => c.PersonId).ToList();
        var ids = candidates.Select(c => c.PersonId).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.MergedIntoId, p.DateOfDeath })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        // The analytical store is a copy: anyone merged away or gone since its refresh is left off, as is anyone who died since.
        var merged = candidates.Where(c => !people.TryGetValue(c.PersonId, out var p) || p.MergedIntoId is not null).ToList();
        var died = candidates.Except(merged).Where(c => people[c.PersonId].DateOfDeath is not null).ToList();
        var kept = candidates.Except(merged).Except(died).ToList();
        if (kept.Count == 0)
        {
            throw new CaseFindingException(CaseFindingProblem.NoOneLeft, "No one the cohort found is still living and in the person index. Refresh the analytical store and try again.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var list = new CaseFindingList
        {
            Id = Guid.NewGuid(),
            Criteria = request.Criteria.Trim(),
            LocalityCode = request.LocalityCode,
            TeamCode = team.Code,
            MeasuresAsOf = request.MeasuresAsOf,
            CreatedBy = actor.AuditName,
            CreatedAtUtc = now,
            Members = kept.Count,
        };
        db.CaseFindingLists.Add(list);
        int position = 0;
        foreach (var c in kept)
        {
            db.CaseFindingMembers.Add(new CaseFindingMember
            {
                ListId = list.Id,
                PersonId = c.PersonId,
                Position = ++position,
                Frailty = c.Frailty,
                EfiDeficits = c.EfiDeficits,
                EmergencyAdmissions12Months = c.EmergencyAdmissions12Months,
                Segment = c.Segment,
                SegmentName = c.SegmentName,
                Risk12Months = c.Risk12Months,
            });
            db.CareRelationships.Add(new CareRelationship { PersonId = c.PersonId, TeamCode = team.Code, CaseFindingListId = list.Id, StartedAtUtc = now });
            audit.Add(actor.AuditName, CaseFindingAuditAction.Added, c.PersonId, AccessReason.DirectCare,
                $"case_finding_list={list.Id}; team={team.Code}; position={position}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CaseFindingMade(list, merged.Count, died.Count);
    }

    private static void Validate(CaseFindingRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Criteria) || request.Criteria.Trim().Length > 1000)
        {
            throw new CaseFindingException(CaseFindingProblem.CriteriaRequired, "The list needs the cohort's criteria in words, at most 1,000 characters.", "criteria");
        }

        if (request.Candidates.Count == 0)
        {
            throw new CaseFindingException(CaseFindingProblem.NoOneFound, "The cohort found no one: there is no one to list.");
        }

        if (request.Candidates.Count > MaximumMembers)
        {
            throw new CaseFindingException(CaseFindingProblem.TooMany, $"A list holds at most {MaximumMembers} people: narrow the cohort's criteria.");
        }

        if (request.Candidates.Any(c => !Frailties.Contains(c.Frailty) || c.EfiDeficits < 0 || c.EmergencyAdmissions12Months < 0
                                        || string.IsNullOrWhiteSpace(c.SegmentName) || c.Risk12Months is < 0 or > 1))
        {
            throw new CaseFindingException(CaseFindingProblem.MeasuresNotValid, "A person's measures are not valid: refresh the analytical store and try again.");
        }
    }

    private async Task RefuseAsync(StaffActor actor, CaseFindingRequest request, CancellationToken cancellationToken)
    {
        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.DirectCare,
            $"attempted=case-finding.make; team={request.TeamCode}; locality={request.LocalityCode}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Only practitioners and team managers may make a case-finding list, for their own team and a locality it serves.");
    }
}
