using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Core.Access;

/// <summary>How long a break-glass grant lasts (configuration <c>OnePlace:BreakGlassHours</c>; 12 hours by default,
/// one working shift and its handover).</summary>
public sealed record BreakGlassPolicy(TimeSpan Duration)
{
    public static readonly BreakGlassPolicy Default = new(TimeSpan.FromHours(12));
}

/// <summary>A break-glass request or review that cannot be accepted; <see cref="Field"/> names the form field.</summary>
public sealed class BreakGlassException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Break-glass alerts for the privacy officer: newest first, unreviewed first. No person's name is shown.</summary>
public sealed record BreakGlassAlerts(IReadOnlyList<BreakGlassGrant> Grants, int Unreviewed);

/// <summary>
/// Emergency access to one person's record (the NHS Care Identity Service's emergency access; PRODUCT.md G1): a member
/// of staff in a direct-care role without a legitimate relationship states a reason from a fixed list and a
/// justification in their own words, and is given that one record for <see cref="BreakGlassPolicy.Duration"/>. The
/// grant and its audit row (<see cref="AuditActionName"/>) are saved together; the privacy officer sees every grant as
/// an alert and records a review, itself audited.
/// </summary>
public sealed class BreakGlass(OnePlaceDb db, AuditWriter audit, TimeProvider clock, BreakGlassPolicy policy)
{
    public const string AuditActionName = "person.break_glass";
    public const string ReviewAuditAction = "person.break_glass_review";
    public const int JustificationMinLength = 20;
    public const int JustificationMaxLength = 1000;
    public const int ReviewNoteMaxLength = 1000;

    public TimeSpan Duration => policy.Duration;

    /// <exception cref="PersonAccessDeniedException">The actor's roles do not allow break-glass (audited).</exception>
    /// <exception cref="BreakGlassException">The reason or justification is missing or unusable; nothing was saved.</exception>
    public async Task<BreakGlassGrant?> GrantAsync(StaffActor actor, Guid personId, string? reason, string? justification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(Permission.BreakGlass))
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, AccessReason.DirectCare,
                $"attempted=break-glass; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException("Only staff in a direct-care role may break the glass.");
        }

        if (!BreakGlassReason.IsKnown(reason))
        {
            throw new BreakGlassException("Choose why you need this record now.", "reason");
        }

        var words = justification?.Trim() ?? "";
        if (words.Length < JustificationMinLength)
        {
            throw new BreakGlassException($"Explain in at least {JustificationMinLength} characters why you need this record.", "justification");
        }

        if (words.Length > JustificationMaxLength)
        {
            throw new BreakGlassException($"Keep the explanation to {JustificationMaxLength} characters or fewer.", "justification");
        }

        if (!await db.People.AsNoTracking().AnyAsync(p => p.Id == personId && p.MergedIntoId == null, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new BreakGlassGrant
        {
            PersonId = personId,
            Actor = actor.AuditName,
            Reason = reason!,
            Justification = words,
            GrantedAtUtc = now,
            ExpiresAtUtc = now + policy.Duration,
        };
        db.BreakGlassGrants.Add(grant);
        audit.Add(actor.AuditName, AuditActionName, personId, AccessReason.DirectCare,
            string.Create(CultureInfo.InvariantCulture, $"break_glass_reason={reason}; expires={grant.ExpiresAtUtc:O}"));
        await db.SaveChangesAsync(cancellationToken);
        return grant;
    }

    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer (audited).</exception>
    public async Task<BreakGlassAlerts> AlertsAsync(StaffActor actor, int limit = 200, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessReviewerAsync(actor, "break-glass.alerts", cancellationToken);
        var grants = await db.BreakGlassGrants.AsNoTracking()
            .OrderBy(g => g.ReviewedAtUtc != null).ThenByDescending(g => g.GrantedAtUtc).ThenByDescending(g => g.Id)
            .Take(limit).ToListAsync(cancellationToken);
        return new BreakGlassAlerts(grants, await UnreviewedCountAsync(cancellationToken));
    }

    /// <summary>One grant, for its review page; null when there is no such grant.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer (audited).</exception>
    public async Task<BreakGlassGrant?> AlertAsync(StaffActor actor, long grantId, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessReviewerAsync(actor, "break-glass.alert", cancellationToken);
        return await db.BreakGlassGrants.AsNoTracking().SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken);
    }

    /// <summary>How many grants await review (the site header's count for privacy officers); no person data.</summary>
    public Task<int> UnreviewedCountAsync(CancellationToken cancellationToken = default) =>
        db.BreakGlassGrants.CountAsync(g => g.ReviewedAtUtc == null, cancellationToken);

    /// <summary>Records the privacy officer's finding on grant <paramref name="grantId"/>; null when there is no such grant.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a privacy officer (audited).</exception>
    /// <exception cref="BreakGlassException">The outcome is missing, a referral has no note, or the grant was reviewed already.</exception>
    public async Task<BreakGlassGrant?> ReviewAsync(StaffActor actor, long grantId, string? outcome, string? note, CancellationToken cancellationToken = default)
    {
        await RefuseUnlessReviewerAsync(actor, "break-glass.review", cancellationToken);
        if (!BreakGlassOutcome.IsKnown(outcome))
        {
            throw new BreakGlassException("Choose whether the access was justified or is referred for investigation.", "outcome");
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (outcome == BreakGlassOutcome.ReferredForInvestigation && text is null)
        {
            throw new BreakGlassException("Say why the access is referred for investigation.", "note");
        }

        if (text?.Length > ReviewNoteMaxLength)
        {
            throw new BreakGlassException($"Keep the note to {ReviewNoteMaxLength} characters or fewer.", "note");
        }

        var grant = await db.BreakGlassGrants.SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken);
        if (grant is null)
        {
            return null;
        }

        if (grant.IsReviewed)
        {
            throw new BreakGlassException("This access has already been reviewed.", "outcome");
        }

        grant.ReviewedBy = actor.AuditName;
        grant.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        grant.ReviewOutcome = outcome;
        grant.ReviewNote = text;
        audit.Add(actor.AuditName, ReviewAuditAction, grant.PersonId, null,
            string.Create(CultureInfo.InvariantCulture, $"grant={grant.Id}; staff={grant.Actor}; outcome={outcome}"));
        await db.SaveChangesAsync(cancellationToken);
        return grant;
    }

    private async Task RefuseUnlessReviewerAsync(StaffActor actor, string attempted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.May(Permission.ReviewBreakGlass))
        {
            return;
        }

        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, null,
            $"attempted={attempted}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Only the privacy officer reviews break-glass access.");
    }
}
