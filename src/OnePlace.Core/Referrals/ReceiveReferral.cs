using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Referrals.Routing;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>What the door tells the sender: the referral, and whether this call made it or found it already made.</summary>
public sealed record ReferralReceipt(Referral Referral, bool Created);

/// <summary>
/// Receives a referral from any door (PRODUCT.md B1): checks it whole (nothing is stored if any field is wrong),
/// matches it to the person index, triages it with the live decision table, routes it, starts its clock, and
/// writes the person (when new), the source record, the referral, its first events and the audit row in one SaveChanges,
/// which is one transaction. A repeat of the same sender's identifier returns the referral already made (BaRS: a re-sent message must not make a second referral).
/// </summary>
public sealed class ReceiveReferral(OnePlaceDb db, AuditWriter audit, TriageRules rules, TimeProvider clock)
{
    // The reads every referral makes, compiled once rather than translated on each call (EF Core compiled queries).
    private static readonly Func<OnePlaceDb, string, string, CancellationToken, Task<Referral?>> EarlierFromSender =
        EF.CompileAsyncQuery((OnePlaceDb db, string submittedBy, string sent, CancellationToken cancellationToken) =>
            db.Referrals.AsNoTracking().SingleOrDefault(r => r.SubmittedBy == submittedBy && r.SenderIdentifier == sent));

    private static readonly Func<OnePlaceDb, string, CancellationToken, Task<PersonRef?>> PersonWithNhsNumber =
        EF.CompileAsyncQuery((OnePlaceDb db, string nhs, CancellationToken cancellationToken) =>
            db.People.Where(p => p.NhsNumber == nhs).Select(p => new PersonRef(p.Id, p.MergedIntoId)).SingleOrDefault());

    private static readonly Func<OnePlaceDb, string, CancellationToken, Task<Place?>> PlaceOfPostcode =
        EF.CompileAsyncQuery((OnePlaceDb db, string postcode, CancellationToken cancellationToken) =>
            (from p in db.Postcodes
             join a in db.SmallAreas on p.SmallAreaCode equals a.Code
             where p.Postcode == postcode
             select new Place(a.Code, a.LocalityCode, a.ImdDecile)).SingleOrDefault());

    private sealed record PersonRef(Guid Id, Guid? MergedIntoId);

    private sealed record Place(string? SmallArea, string? Locality, int? ImdDecile);

    public static bool MayRefer(StaffActor actor) =>
        actor.May(Permission.SendReferralsAsClientSystem) || actor.May(Permission.MakeReferrals);

    /// <exception cref="ReferralValidationException">The submission has problems; nothing was stored.</exception>
    /// <exception cref="PersonAccessDeniedException">The actor may not make referrals.</exception>
    public async Task<ReferralReceipt> ReceiveAsync(StaffActor actor, ReferralSubmission submission, string source, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, calendar.TimeZone));
        if (!MayRefer(actor))
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.ReferralTriage, "attempted=refer");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException();
        }

        var problems = submission.Problems(today);
        if (problems.Count > 0)
        {
            throw new ReferralValidationException(problems);
        }

        if (submission.SenderIdentifier is { } sent)
        {
            var earlier = await EarlierFromSender(db, actor.AuditName, sent, cancellationToken);
            if (earlier is not null)
            {
                return new ReferralReceipt(earlier, Created: false);
            }
        }

        var table = rules.Live();
        var person = submission.Person;
        string postcode = FieldRules.NormalisePostcode(person.Postcode!)!;
        string? nhs = string.IsNullOrWhiteSpace(person.NhsNumber) ? null : NhsNumber.Clean(person.NhsNumber);
        var (personId, match) = await MatchAsync(person, nhs, postcode, cancellationToken);
        var place = await PlaceOfAsync(postcode, personId, cancellationToken);

        // Everything the referral needs is read before anything is written, so that the write itself is short: one
        // SaveChanges, one transaction (on SQLite the store's writers take turns there; see OnePlaceDb.SaveChangesAsync).
        // Routing counts each team's open referrals outside that transaction: capacity steers routing, and referrals
        // arriving in the same instant may take a team one or two past it, which its manager sees on the worklist.
        int? age = AgeOn(person.DateOfBirth!.Value, today);
        var triage = table.Triage(new TriageInput(submission.Need, submission.Setting, age));
        var route = await ReferralRouting.RouteAsync(db, triage.ServiceKind, place.Locality, age, cancellationToken);

        var id = Guid.NewGuid();
        string reference = ReferenceOf(id);
        if (match is ReferralPersonMatch.NewNhsNumber or ReferralPersonMatch.Provisional)
        {
            db.People.Add(new Person
            {
                Id = personId,
                NhsNumber = nhs,
                GivenName = person.GivenName.Trim(),
                FamilyName = person.FamilyName.Trim(),
                DateOfBirth = person.DateOfBirth,
                Sex = Blank(person.Sex),
                Postcode = postcode,
                SmallAreaCode = place.SmallArea,
                LocalityCode = place.Locality,
                CreatedAtUtc = now,
            });
        }

        var record = new SourceRecord
        {
            Partner = Partner.Spa,
            LocalRecordId = reference,
            PersonId = personId,
            NhsNumber = nhs,
            GivenName = person.GivenName.Trim(),
            FamilyName = person.FamilyName.Trim(),
            DateOfBirth = person.DateOfBirth,
            Sex = Blank(person.Sex),
            Postcode = postcode,
            Address = Blank(person.Address),
            Phone = Blank(person.Phone),
            LinkMethod = match switch
            {
                ReferralPersonMatch.Demographics => LinkMethod.Demographics,
                ReferralPersonMatch.Provisional => LinkMethod.Provisional,
                _ => LinkMethod.NhsNumber,
            },
            LinkedAtUtc = now,
        };
        db.SourceRecords.Add(record);

        var referral = new Referral
        {
            Id = id,
            Reference = reference,
            Source = source,
            SenderIdentifier = submission.SenderIdentifier,
            SubmittedBy = actor.AuditName,
            CorrelationId = submission.CorrelationId,
            PersonId = personId,
            PersonMatch = match,
            ReferrerName = submission.ReferrerName.Trim(),
            ReferrerOrganisation = submission.ReferrerOrganisation.Trim(),
            ReferrerContact = Blank(submission.ReferrerContact),
            Need = submission.Need,
            Setting = submission.Setting,
            Details = submission.Details.Trim(),
            PersonConsented = submission.PersonConsented,
            AgeAtReferral = age,
            LocalityCode = place.Locality,
            ImdDecile = place.ImdDecile,
            Urgency = triage.Urgency,
            ServiceCode = route.ServiceCode,
            TriageVersion = triage.Version,
            TriageRule = triage.Rule,
            TriageReason = triage.Reason,
            Status = route.TeamCode is null ? ReferralStatus.SpaQueue : ReferralStatus.AwaitingAcceptance,
            TeamCode = route.TeamCode,
            QueueReason = route.QueueReason,
            ReceivedAtUtc = now,
            UpdatedAtUtc = now,
            Version = 1,
        };

        // The clock starts on arrival; a person still in hospital has it paused until discharge (PRODUCT.md B4).
        var referralClock = ReferralClock.Start(triage.Urgency, now);
        if (submission.Setting == CareSetting.Hospital)
        {
            referralClock = referralClock.Pause(now);
            referral.PauseReason = "In hospital: the clock starts at discharge";
        }

        referral.SetClock(referralClock, now, calendar);
        db.Referrals.Add(referral);

        // The store numbers source records as it saves them: point the referral at the record's temporary key, which
        // SaveChanges replaces in both with the number the store gives it.
        db.Entry(referral).Property(r => r.SourceRecordId).CurrentValue = db.Entry(record).Property(r => r.Id).CurrentValue;

        void Event(string kind, string? from, string to, string? detail) => db.ReferralEvents.Add(new ReferralEvent
        {
            ReferralId = id,
            OccurredAtUtc = now,
            Kind = kind,
            FromStatus = from,
            ToStatus = to,
            TeamCode = referral.TeamCode,
            Actor = actor.AuditName,
            Detail = detail,
            Version = 1,
        });
        Event(ReferralEventKind.Received, null, ReferralStatus.SpaQueue, $"source={source}; person_match={match}");
        Event(ReferralEventKind.Triaged, ReferralStatus.SpaQueue, ReferralStatus.SpaQueue,
            $"version={triage.Version}; rule={triage.Rule}; urgency={triage.Urgency}; service={triage.ServiceKind ?? "-"}");
        if (route.TeamCode is not null)
        {
            Event(ReferralEventKind.Of(ReferralAction.Route), ReferralStatus.SpaQueue, ReferralStatus.AwaitingAcceptance, $"team={route.TeamCode}; by=routing");
        }
        else
        {
            Event(ReferralEventKind.Queued, ReferralStatus.SpaQueue, ReferralStatus.SpaQueue, route.QueueReason);
        }

        if (referralClock.PausedAtUtc is not null)
        {
            Event(ReferralEventKind.Of(ReferralAction.Pause), referral.Status, referral.Status, referral.PauseReason);
        }

        audit.Add(actor.AuditName, ReferralAuditAction.Create, personId, AccessReason.ReferralTriage,
            string.Create(CultureInfo.InvariantCulture, $"referral={reference}; source={source}; person_match={match}; correlation={submission.CorrelationId ?? "-"}"));
        await db.SaveChangesAsync(cancellationToken);
        return new ReferralReceipt(referral, Created: true);
    }

    private async Task<(Guid PersonId, string Match)> MatchAsync(ReferredPerson person, string? nhs, string postcode, CancellationToken cancellationToken)
    {
        if (nhs is not null)
        {
            var known = await PersonWithNhsNumber(db, nhs, cancellationToken);
            if (known is not null)
            {
                return (await SurvivorAsync(known.Id, known.MergedIntoId, cancellationToken), ReferralPersonMatch.NhsNumber);
            }

            return (Guid.NewGuid(), ReferralPersonMatch.NewNhsNumber);
        }

        // No NHS number: only an exact match on name, birth date and postcode is safe enough to join without a person
        // looking (the person index's linkage and data stewards resolve the rest).
        var born = person.DateOfBirth!.Value;
        var sameBirth = await db.People.AsNoTracking().Where(p => p.DateOfBirth == born && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Postcode }).ToListAsync(cancellationToken);
        var same = sameBirth.Where(p =>
            string.Equals(p.FamilyName, person.FamilyName.Trim(), StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.GivenName, person.GivenName.Trim(), StringComparison.OrdinalIgnoreCase)
            && p.Postcode == postcode).ToList();
        return same.Count == 1 ? (same[0].Id, ReferralPersonMatch.Demographics) : (Guid.NewGuid(), ReferralPersonMatch.Provisional);
    }

    private async Task<Guid> SurvivorAsync(Guid id, Guid? mergedInto, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid> { id };
        while (mergedInto is { } next && seen.Add(next))
        {
            id = next;
            mergedInto = await db.People.AsNoTracking().Where(p => p.Id == next).Select(p => p.MergedIntoId).SingleOrDefaultAsync(cancellationToken);
        }

        return id;
    }

    private async Task<(string? SmallArea, string? Locality, int? ImdDecile)> PlaceOfAsync(string postcode, Guid personId, CancellationToken cancellationToken)
    {
        // The referrer's postcode is the freshest address; failing that, the person index's (which falls back on the GP practice).
        if (await PlaceOfPostcode(db, postcode, cancellationToken) is { } area)
        {
            return (area.SmallArea, area.Locality, area.ImdDecile);
        }

        var known = await (from p in db.People.AsNoTracking()
                           where p.Id == personId
                           join a in db.SmallAreas.AsNoTracking() on p.SmallAreaCode equals a.Code into areas
                           from a in areas.DefaultIfEmpty()
                           select new { p.SmallAreaCode, p.LocalityCode, Imd = a == null ? (int?)null : a.ImdDecile }).SingleOrDefaultAsync(cancellationToken);
        return known is null ? (null, null, null) : (known.SmallAreaCode, known.LocalityCode, known.Imd);
    }

    internal static int AgeOn(DateOnly born, DateOnly day)
    {
        int age = day.Year - born.Year;
        return born > day.AddYears(-age) ? age - 1 : age;
    }

    /// <summary>"SPA-" and eight characters of the id in Crockford's base 32 (no I, L, O or U to misread on the phone).</summary>
    internal static string ReferenceOf(Guid id)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        ulong bits = BitConverter.ToUInt64(bytes);
        Span<char> text = stackalloc char[9];
        for (int i = 0, c = 0; i < 9; i++)
        {
            if (i == 4)
            {
                text[i] = '-';
                continue;
            }

            text[i] = alphabet[(int)(bits >> (5 * c++) & 31)];
        }

        return "SPA-" + new string(text);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Audit actions of the Single Point of Access (one row per person touched).</summary>
public static class ReferralAuditAction
{
    public const string Create = "referral.create";
    public const string View = "referral.view";
    public const string Change = "referral.change";

    /// <summary>A person shown on a worklist or queue: their name was seen.</summary>
    public const string Listed = "referral.listed";

    public const string CarePlanChange = "care_plan.change";
}
