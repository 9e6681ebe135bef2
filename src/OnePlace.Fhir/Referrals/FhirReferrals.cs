using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Store;
using FhirServiceRequest = Hl7.Fhir.Model.ServiceRequest;
using FhirTask = Hl7.Fhir.Model.Task;

namespace OnePlace.Fhir.Referrals;

/// <summary>A referral as the FHIR door hands it back: the referral, its ServiceRequest and its Task.</summary>
public sealed record FhirReferral(Referral Referral, FhirServiceRequest ServiceRequest, FhirTask Task);

/// <summary>
/// The FHIR door of the Single Point of Access (PRODUCT.md B1): receives a mapped referral through the same use case
/// as every other door (<see cref="ReceiveReferral"/>), and reads one back through <see cref="ReferralReading"/>,
/// which checks and audits every read.
/// </summary>
public sealed class FhirReferrals(ReceiveReferral receive, ReferralReading reading, OnePlaceDb db, TimeProvider clock)
{
    /// <summary>Receives <paramref name="payload"/> whole or not at all.</summary>
    /// <returns>The referral, and whether this call made it (false: the sender's identifier was already received).</returns>
    /// <exception cref="FhirPayloadException">422: the payload breaks the referral profile or the SPA's rules; nothing was stored.</exception>
    /// <exception cref="PersonAccessDeniedException">The actor may not make referrals.</exception>
    public async Task<(FhirReferral Referral, bool Created)> ReceiveAsync(StaffActor actor, ReferralPayload payload, string? correlationId, CancellationToken cancellationToken)
    {
        if (correlationId is { Length: > 200 })
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [FhirIssue.Invalid($"The {FhirProfile.CorrelationIdHeader} header must be 200 characters or fewer.")]);
        }

        var inbound = InboundReferral.Map(payload, correlationId);

        // Someone who may not refer is refused (and the attempt audited) by the use case before their payload is judged.
        if (ReceiveReferral.MayRefer(actor))
        {
            var calendar = BusinessCalendar.EnglandAndWales;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, calendar.TimeZone));
            var issues = inbound.AllIssues(today);
            if (issues.Count > 0)
            {
                throw new FhirPayloadException(StatusCodes.Status422UnprocessableEntity, issues);
            }
        }

        ReferralReceipt receipt;
        try
        {
            receipt = await receive.ReceiveAsync(actor, inbound.Submission, ReferralSource.Fhir, cancellationToken);
        }
        catch (ReferralValidationException invalid)
        {
            throw new FhirPayloadException(StatusCodes.Status422UnprocessableEntity, [.. inbound.IssuesOf(invalid.Problems)]);
        }

        if (!receipt.Created)
        {
            // A repeat: the sender gets the referral as it stands, read (and audited) like any other read.
            return (await ReadAsync(actor, receipt.Referral.Id, cancellationToken) ?? throw new InvalidOperationException("A received referral vanished."), false);
        }

        // The new referral as a read will show it (names trimmed, postcode normalised); receiving it audited the person.
        var referral = receipt.Referral;
        var asPosted = await AsPostedAsync(referral, cancellationToken) ?? inbound.Submission.Person;
        string? team = await TeamNameAsync(referral.TeamCode, cancellationToken);
        return (new FhirReferral(referral, ReferralResources.ServiceRequestOf(referral, asPosted, team), ReferralResources.TaskOf(referral, team)), true);
    }

    /// <summary>The referral with <paramref name="id"/>, or null when there is none.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not read this referral.</exception>
    public async Task<FhirReferral?> ReadAsync(StaffActor actor, Guid id, CancellationToken cancellationToken)
    {
        var view = await reading.OpenAsync(actor, id, cancellationToken);
        if (view is null)
        {
            return null;
        }

        // The read above has checked the actor and audited the person.
        var referral = view.Referral;
        var asPosted = await AsPostedAsync(referral, cancellationToken)
            ?? new ReferredPerson(view.NhsNumber, view.GivenName ?? "", view.FamilyName ?? "", view.DateOfBirth, null, null, null, null);
        string? team = await TeamNameAsync(referral.TeamCode, cancellationToken);
        return new FhirReferral(referral, ReferralResources.ServiceRequestOf(referral, asPosted, team), ReferralResources.TaskOf(referral, team));
    }

    /// <summary>The person as the referrer gave them: the Single Point of Access's own source record of the referral.</summary>
    private Task<ReferredPerson?> AsPostedAsync(Referral referral, CancellationToken cancellationToken) =>
        db.SourceRecords.AsNoTracking()
            .Where(r => r.Partner == Partner.Spa && r.LocalRecordId == referral.Reference)
            .Select(r => new ReferredPerson(r.NhsNumber, r.GivenName ?? "", r.FamilyName ?? "", r.DateOfBirth, r.Sex, r.Postcode, r.Address, r.Phone))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<string?> TeamNameAsync(string? teamCode, CancellationToken cancellationToken) =>
        teamCode is null ? null : await db.Teams.AsNoTracking().Where(t => t.Code == teamCode).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
}
