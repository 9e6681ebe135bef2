using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>What an assessment says when it is started: the proposal and what it assesses, who owns it and by when
/// it must be decided.</summary>
public sealed record EqiaProposal(string Title, string Proposal, EqiaSubjectKind SubjectKind, string Subject, string Owner, DateOnly DueBy);

/// <summary>
/// Starts an equality impact assessment (PRODUCT.md F2) as the programme office does, before a change goes live: the
/// next reference (<c>EQIA-001</c> onwards), the proposal and what it assesses, and one row per characteristic
/// (<see cref="Characteristic"/>: the nine protected by the Equality Act 2010, s.4, socio-economic disadvantage and
/// carers), each not yet assessed. A triage rules subject must be a version in the rules folder, so that the
/// assessment is tied to a table that exists.
/// </summary>
public sealed class StartEqia(OnePlaceDb db, AuditWriter audit, TimeProvider clock, TriageRules rules)
{
    public async Task<EqualityImpactAssessment> StartAsync(StaffActor actor, EqiaProposal proposal, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if ((EqiaRules.Text(proposal.Title, "title", "a title", EqiaRules.MaxTitle) ?? EqiaRules.Text(proposal.Proposal, "proposal", "the proposal", EqiaRules.MaxLong)
            ?? EqiaRules.Text(proposal.Owner, "owner", "an owner", EqiaRules.MaxName)) is { } refusal)
        {
            throw refusal;
        }

        if (!Enum.IsDefined(proposal.SubjectKind))
        {
            throw new GovernanceChangeException("Say whether the assessment is of a service change or of triage rules.", "subject-kind");
        }

        string subject = proposal.Subject.Trim();
        if (proposal.SubjectKind == EqiaSubjectKind.TriageRules)
        {
            if (!rules.Versions().Contains(subject, StringComparer.Ordinal))
            {
                throw new GovernanceChangeException($"There is no triage rules version {subject} in the rules folder (e.g. v2).", "subject");
            }
        }
        else if (EqiaRules.Text(subject, "subject", "the service change assessed", EqiaRules.MaxName) is { } noSubject)
        {
            throw noSubject;
        }

        if (proposal.DueBy < today)
        {
            throw new GovernanceChangeException("The assessment cannot be due before today.", "due-by");
        }

        var eqia = await EqiaRules.NewAsync(db, clock, actor.AuditName, proposal with { Subject = subject }, raisedBecause: null, cancellationToken);
        audit.Add(actor.AuditName, GovernanceAuditAction.EqiaStarted, detail: string.Create(CultureInfo.InvariantCulture,
            $"eqia={eqia.Reference}; subject={eqia.SubjectKind}:{eqia.Subject}; owner={eqia.Owner}; due_by={eqia.DueBy:yyyy-MM-dd}"));
        await EqiaRules.SaveNewAsync(db, eqia, cancellationToken);
        return eqia;
    }
}

/// <summary>The rules every change to an assessment shares: field lengths (the store's column widths, which
/// PostgreSQL enforces, so the use cases refuse first), the next reference, and saving with the version check.</summary>
internal static class EqiaRules
{
    public const int MaxTitle = 200;
    public const int MaxName = 200;
    public const int MaxLong = 4000;
    public const int MaxEvidenceTitle = 200;

    public static GovernanceChangeException? Text(string? value, string field, string what, int max) =>
        string.IsNullOrWhiteSpace(value) ? new($"Enter {what}.", field)
        : value.Trim().Length > max ? new(string.Create(CultureInfo.InvariantCulture, $"Keep {what} to {max} characters."), field)
        : null;

    /// <summary>A new assessment with its next reference and a row per characteristic, not yet saved.</summary>
    public static async Task<EqualityImpactAssessment> NewAsync(
        OnePlaceDb db, TimeProvider clock, string createdBy, EqiaProposal proposal, string? raisedBecause, CancellationToken cancellationToken)
    {
        var references = await db.EqualityImpactAssessments.AsNoTracking().Select(a => a.Reference).ToListAsync(cancellationToken);
        int next = references.Select(r => int.TryParse(r.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var eqia = new EqualityImpactAssessment
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"EQIA-{next:000}"),
            Title = proposal.Title.Trim(),
            Proposal = proposal.Proposal.Trim(),
            SubjectKind = proposal.SubjectKind,
            Subject = proposal.Subject,
            Owner = proposal.Owner.Trim(),
            DueBy = proposal.DueBy,
            Status = EqiaStatus.Draft,
            RaisedBecause = raisedBecause,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
            Version = 1,
        };
        db.EqualityImpactAssessments.Add(eqia);
        return eqia;
    }

    /// <summary>Saves a new assessment, then its characteristic rows (which need its id), in one transaction with the
    /// audit row already added.</summary>
    public static async Task SaveNewAsync(OnePlaceDb db, EqualityImpactAssessment eqia, CancellationToken cancellationToken, Func<Task>? alsoAdd = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.EqiaCharacteristics.AddRange(Enum.GetValues<Characteristic>().Select(c => new EqiaCharacteristicAssessment { EqiaId = eqia.Id, Characteristic = c, Impact = EqiaImpact.NotYetAssessed }));
        if (alsoAdd is not null)
        {
            await alsoAdd();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The assessment to change, refused if it is missing or has moved on from the version the form was made from.</summary>
    public static async Task<EqualityImpactAssessment> LoadAsync(OnePlaceDb db, int id, int expectedVersion, CancellationToken cancellationToken)
    {
        var eqia = await db.EqualityImpactAssessments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new GovernanceChangeException($"There is no equality impact assessment {id}.");
        if (eqia.Version != expectedVersion)
        {
            throw Conflict(eqia);
        }

        return eqia;
    }

    public static GovernanceChangeException Conflict(EqualityImpactAssessment eqia) =>
        new($"{eqia.Reference} was changed by someone else since this page was opened: reload it and make the change again.", "version");

    /// <summary>Saves a change to a loaded assessment with its version moved on; another change saved first is refused
    /// (the version is the concurrency token) and nothing of this one is kept.</summary>
    public static async Task SaveChangeAsync(OnePlaceDb db, EqualityImpactAssessment eqia, CancellationToken cancellationToken)
    {
        int expected = eqia.Version;
        eqia.Version = expected + 1;
        db.Entry(eqia).Property(a => a.Version).OriginalValue = expected;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw Conflict(eqia);
        }
    }

    public static void CheckDraft(EqualityImpactAssessment eqia, string what)
    {
        if (eqia.Status != EqiaStatus.Draft)
        {
            throw new GovernanceChangeException($"{eqia.Reference} is {Words(eqia.Status)}: {what} only while it is a draft.", "status");
        }
    }

    public static string Words(EqiaStatus status) => status switch
    {
        EqiaStatus.Draft => "a draft",
        EqiaStatus.AwaitingSignOff => "awaiting sign-off",
        _ => "signed off",
    };
}
