using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Privacy;

/// <summary>
/// Who may read the audit log: the privacy officer (the Caldicott guardian's office), and nobody else, since the log says
/// whose records were opened, by whom and why. The one rule every way in to the log asks (the audit viewer, "who has
/// looked at my record", the FHIR AuditEvent search and export).
/// </summary>
public static class AuditReview
{
    /// <summary>Rows a page of the audit viewer shows.</summary>
    public const int PageSize = 50;

    /// <summary>Rows an export (CSV or FHIR) holds at most; a wider export is refused and asks for a narrower filter.</summary>
    public const int MaxExportRows = 100_000;

    public static bool MayReview(StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return !actor.IsClientSystem && actor.May(Permission.ReviewAudit);
    }
}

/// <summary>Audit actions written when the audit log itself is read (ASVS 5.0 V16: access to the log is logged).</summary>
public static class AuditReviewAction
{
    /// <summary>One row per search, page or export of the log: the filters used (never their values) and the rows shown.</summary>
    public const string Searched = "audit.searched";

    /// <summary>One row per person whose audit rows were shown or exported.</summary>
    public const string PersonReviewed = "audit.person_reviewed";

    /// <summary>An NHS number was resolved to a person to filter the log or answer a request: itself a read of person data.</summary>
    public const string PersonLookedUp = "audit.person_looked_up";

    /// <summary>"Who has looked at my record" was read for a person.</summary>
    public const string AccessHistory = "audit.access_history";

    /// <summary>The hash chain was walked on a privacy officer's request.</summary>
    public const string ChainVerified = "audit.chain_verified";
}

/// <summary>What to show of the log: each filter is optional; dates are whole UTC days, inclusive.</summary>
public sealed record AuditLogFilter(
    string? Actor = null, Guid? PersonId = null, string? Action = null, string? Reason = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The names of the filters used, for the audit row (values are left out: a person id or a user name is a lead).</summary>
    public IEnumerable<string> FieldsUsed()
    {
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            yield return "actor";
        }

        if (PersonId is not null)
        {
            yield return "person";
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            yield return "action";
        }

        if (!string.IsNullOrWhiteSpace(Reason))
        {
            yield return "reason";
        }

        if (From is not null)
        {
            yield return "from";
        }

        if (To is not null)
        {
            yield return "to";
        }
    }
}

/// <summary>Who an audit row's actor is, where the store knows: a member of staff's name, roles and organisation, or a
/// registered client system's name and organisation. Null for system actors (the clock watcher, the command line).</summary>
public sealed record AuditActor(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Organisation, bool IsClientSystem);

public sealed record AuditLogRow(long Id, DateTime OccurredAtUtc, string Actor, string Action, Guid? PersonId, string? Reason, string? Detail, AuditActor? Who);

/// <summary>One page of the log, newest first; <see cref="NextBefore"/> is the keyset for the next (older) page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, long? NextBefore, string? PersonName);

/// <summary>The outcome of resolving an NHS number: the problem with the number, or the people holding it.</summary>
public sealed record NhsNumberLookup(string? Problem, IReadOnlyList<Guid> People);

/// <summary>
/// The privacy officer's reading of the audit log (PRODUCT.md G2; ASVS 5.0 V16.2 and V16.4). Every reading is checked
/// by <see cref="AuditReview.MayReview"/> first, a refusal audited as <see cref="AccessAuditAction.ViewDenied"/>; every
/// reading writes its own rows (one for the search, one per person whose rows were shown) in the same save as nothing
/// else changes, before anything is handed back. The log is read, never changed (docs/adr/0004).
/// </summary>
public sealed class ReviewAuditLog(OnePlaceDb db, AuditWriter audit)
{
    /// <summary>Resolves an NHS number to the people holding it (people merged away are followed to their survivor).</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    public async Task<NhsNumberLookup> FindByNhsNumberAsync(StaffActor actor, string nhsNumber, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessReviewerAsync(db, audit, actor, null, "person-lookup", cancellationToken);
        string number = NhsNumber.Clean(nhsNumber ?? "");
        if (NhsNumber.Validate(number) is { } problem)
        {
            return new NhsNumberLookup(problem, []);
        }

        var holders = await db.People.AsNoTracking().Where(p => p.NhsNumber == number)
            .Select(p => new { p.Id, p.MergedIntoId }).ToListAsync(cancellationToken);
        var people = holders.Select(p => p.MergedIntoId ?? p.Id).Distinct().Order().ToList();
        foreach (var person in people)
        {
            audit.Add(actor.AuditName, AuditReviewAction.PersonLookedUp, person, AccessReason.AuditReview, "by=nhs_number");
        }

        if (people.Count == 0)
        {
            audit.Add(actor.AuditName, AuditReviewAction.PersonLookedUp, null, AccessReason.AuditReview, "by=nhs_number; matches=0");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new NhsNumberLookup(null, people);
    }

    /// <summary>A page of the rows <paramref name="filter"/> selects, newest first, older than <paramref name="before"/>.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    public async Task<AuditLogPage> SearchAsync(
        StaffActor actor, AuditLogFilter filter, long? before = null, int pageSize = AuditReview.PageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await RefuseUnlessReviewerAsync(db, audit, actor, filter.PersonId, "audit-search", cancellationToken);
        var query = Select(db, filter);
        if (before is { } keyset)
        {
            query = query.Where(a => a.Id < keyset);
        }

        var entries = await query.OrderByDescending(a => a.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        long? next = entries.Count > pageSize ? entries[pageSize - 1].Id : null;
        var rows = await WithActorsAsync(db, entries.Take(pageSize).ToList(), cancellationToken);

        string? personName = null;
        if (filter.PersonId is { } personId)
        {
            // The person's name heads the page so that the officer knows whose log it is; it is covered by the
            // person_reviewed row below.
            personName = await db.People.AsNoTracking().Where(p => p.Id == personId)
                .Select(p => (p.FamilyName ?? "").ToUpper() + ", " + (p.GivenName ?? "")).SingleOrDefaultAsync(cancellationToken);
        }

        Record(actor, filter, "view", rows, personName is null ? [] : [filter.PersonId!.Value]);
        await db.SaveChangesAsync(cancellationToken);
        return new AuditLogPage(rows, next, personName);
    }

    /// <summary>Every row <paramref name="filter"/> selects, oldest first, for an export in <paramref name="format"/>.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    /// <exception cref="AuditExportTooLargeException">More than <see cref="AuditReview.MaxExportRows"/> rows match.</exception>
    public async Task<IReadOnlyList<AuditLogRow>> ExportAsync(
        StaffActor actor, AuditLogFilter filter, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await RefuseUnlessReviewerAsync(db, audit, actor, filter.PersonId, "audit-export", cancellationToken);
        var entries = await Select(db, filter).OrderBy(a => a.Id).Take(AuditReview.MaxExportRows + 1).ToListAsync(cancellationToken);
        if (entries.Count > AuditReview.MaxExportRows)
        {
            throw new AuditExportTooLargeException(AuditReview.MaxExportRows);
        }

        var rows = await WithActorsAsync(db, entries, cancellationToken);
        Record(actor, filter, "export:" + format, rows, []);
        await db.SaveChangesAsync(cancellationToken);
        return rows;
    }

    /// <summary>Walks the hash chain (docs/adr/0018) on the officer's request, and records that it was walked and what it found.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    public async Task<AuditChainReport> VerifyChainAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessReviewerAsync(db, audit, actor, null, "audit-verify", cancellationToken);
        var report = await new VerifyAuditChain(db).RunAsync(cancellationToken: cancellationToken);
        audit.Add(actor.AuditName, AuditReviewAction.ChainVerified, null, AccessReason.AuditReview, string.Create(CultureInfo.InvariantCulture,
            $"rows_checked={report.RowsChecked}; head={report.HeadId}; intact={(report.IsIntact ? "true" : "false")}")
            + (report.FirstBroken is { } broken ? string.Create(CultureInfo.InvariantCulture, $"; first_broken={broken.Id}") : ""));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private void Record(StaffActor actor, AuditLogFilter filter, string purpose, IReadOnlyList<AuditLogRow> rows, IEnumerable<Guid> alsoShown)
    {
        audit.Add(actor.AuditName, AuditReviewAction.Searched, null, AccessReason.AuditReview, string.Create(CultureInfo.InvariantCulture,
            $"purpose={purpose}; fields={string.Join(',', filter.FieldsUsed())}; rows={rows.Count}"));
        foreach (var person in rows.Select(r => r.PersonId).OfType<Guid>().Concat(alsoShown).Distinct())
        {
            audit.Add(actor.AuditName, AuditReviewAction.PersonReviewed, person, AccessReason.AuditReview, $"purpose={purpose}");
        }
    }

    /// <summary>The rows a filter selects. Dates are UTC days; the end day is included whole.</summary>
    internal static IQueryable<AuditEntry> Select(OnePlaceDb db, AuditLogFilter filter)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            string who = filter.Actor.Trim();
            query = query.Where(a => a.Actor == who);
        }

        if (filter.PersonId is { } person)
        {
            query = query.Where(a => a.PersonId == person);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            string action = filter.Action.Trim();
            query = query.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reason))
        {
            string reason = filter.Reason.Trim();
            query = query.Where(a => a.Reason == reason);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAtUtc < end);
        }

        return query;
    }

    /// <summary>Joins each row's actor to the staff account (by user name) or the client system registered under it.</summary>
    internal static async Task<IReadOnlyList<AuditLogRow>> WithActorsAsync(OnePlaceDb db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var who = await ActorsAsync(db, entries.Select(e => e.Actor), cancellationToken);
        return [.. entries.Select(e => new AuditLogRow(e.Id, e.OccurredAtUtc, e.Actor, e.Action, e.PersonId, e.Reason, e.Detail, who.GetValueOrDefault(e.Actor)))];
    }

    internal static async Task<Dictionary<string, AuditActor>> ActorsAsync(OnePlaceDb db, IEnumerable<string> actors, CancellationToken cancellationToken)
    {
        var names = actors.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, AuditActor>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(500))
        {
            var staff = await db.Users.AsNoTracking().Where(u => u.UserName != null && chunk.Contains(u.UserName))
                .Select(u => new { u.Id, UserName = u.UserName!, u.DisplayName, u.Organisation }).ToListAsync(cancellationToken);
            var ids = staff.Select(s => s.Id).ToList();
            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
            foreach (var s in staff)
            {
                found[s.UserName] = new AuditActor(s.UserName, s.DisplayName,
                    [.. roles.Where(r => r.UserId == s.Id && r.Name != null).Select(r => r.Name!).Order(StringComparer.Ordinal)], s.Organisation, false);
            }

            var clientIds = chunk.Where(a => a.StartsWith(ApiClientRegistry.ActorName(""), StringComparison.Ordinal))
                .Select(a => a[ApiClientRegistry.ActorName("").Length..]).ToList();
            if (clientIds.Count > 0)
            {
                var clients = await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.ClientId))
                    .Select(c => new { c.ClientId, c.Name, c.Organisation }).ToListAsync(cancellationToken);
                foreach (var c in clients)
                {
                    string name = ApiClientRegistry.ActorName(c.ClientId);
                    found[name] = new AuditActor(name, c.Name, [StaffRoles.ReferralClient], c.Organisation, true);
                }
            }
        }

        return found;
    }

    /// <summary>Audits and refuses anyone who may not review the log; <paramref name="attempted"/> names what they tried.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer.</exception>
    internal static async Task RefuseUnlessReviewerAsync(
        OnePlaceDb db, AuditWriter audit, StaffActor actor, Guid? personId, string attempted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (AuditReview.MayReview(actor))
        {
            return;
        }

        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, AccessReason.AuditReview,
            $"attempted={attempted}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Only privacy officers may read the audit log.");
    }
}

/// <summary>An export would hold more rows than <see cref="AuditReview.MaxExportRows"/>; nothing was exported.</summary>
public sealed class AuditExportTooLargeException(int limit)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"More than {limit} audit rows match: narrow the dates or the filters."))
{
    public int Limit { get; } = limit;
}
