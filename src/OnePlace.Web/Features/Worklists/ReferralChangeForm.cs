using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Web.Components.Design;
using OnePlace.Web.Features.Referrals;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Worklists;

/// <summary>What a referral's action form posts: the action, the version the member of staff saw, and what it names.</summary>
public sealed class ReferralChangeInput
{
    public Guid ReferralId { get; set; }

    /// <summary>The referral's version when the page was drawn (optimistic concurrency).</summary>
    public int Version { get; set; }

    /// <summary>The action's name as the JSON API spells it, e.g. <c>first-contact</c>.</summary>
    public string? Action { get; set; }

    public string? TeamCode { get; set; }

    /// <summary>A member of the team, chosen from the list.</summary>
    public string? Practitioner { get; set; }

    /// <summary>A user name typed instead, for staff not (yet) listed in the team.</summary>
    public string? PractitionerTyped { get; set; }

    public string? Reason { get; set; }

    public string? Outcome { get; set; }

    public string? ContactDay { get; set; }

    public string? ContactMonth { get; set; }

    public string? ContactYear { get; set; }

    public string? ContactTime { get; set; }
}

public enum ReferralChangeResult
{
    Done,
    Invalid,
    Conflict,
    Denied,
    NotFound,
}

/// <summary>
/// Applies a posted referral action through <see cref="ChangeReferral"/> and turns what Core refuses into GOV.UK error
/// messages in the reader's language, each on the field it is about.
/// </summary>
public static class ReferralChangeForm
{
    /// <summary>The id of the element the conflict message links to: the referral's current state.</summary>
    public const string StateAnchor = "status";

    public static string Slug(ReferralAction action) => ReferralApi.ActionName(action);

    public static ReferralAction? Parse(string? slug) =>
        Enum.GetValues<ReferralAction>().Cast<ReferralAction?>().FirstOrDefault(a => Slug(a!.Value) == slug);

    /// <summary>The id of an action's input, e.g. <c>reject-reason</c>; <paramref name="suffix"/> tells rows of a list apart.</summary>
    public static string FieldId(ReferralAction action, string field, string suffix = "") => $"{Slug(action)}-{field}{suffix}";

    /// <summary>Now in UK local time, to fill in the first contact form.</summary>
    public static (string Day, string Month, string Year, string Time) NowInUk(DateTime nowUtc)
    {
        var local = WorklistText.ToUk(nowUtc);
        return (local.Day.ToString(CultureInfo.InvariantCulture), local.Month.ToString(CultureInfo.InvariantCulture),
            local.Year.ToString(CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>Applies the change; on success the referral's reference comes back, to name it in the confirmation.</summary>
    public static async Task<(ReferralChangeResult Result, string? Reference)> ApplyAsync(
        ChangeReferral change, StaffActor actor, ReferralChangeInput input, FormErrors errors, IStringLocalizer<SharedResource> t,
        string suffix = "", string conflictAnchor = StateAnchor, DateTime? receivedAtUtc = null, CancellationToken cancellationToken = default)
    {
        if (Parse(input.Action) is not { } action)
        {
            errors.Add(conflictAnchor, t["ReferralViewErrorNotAllowed"]);
            return (ReferralChangeResult.Invalid, null);
        }

        DateTime? occurred = null;
        if (action == ReferralAction.RecordFirstContact)
        {
            occurred = ContactUtc(input);
            if (occurred is null)
            {
                errors.Add(FieldId(action, "day", suffix), t["ReferralViewErrorContactDate"]);
                return (ReferralChangeResult.Invalid, null);
            }

            // A time entered to the minute stands for the whole minute: first contact in the minute the referral
            // arrived (the form's default, when the person is seen at once) is at its arrival, not before it.
            if (receivedAtUtc is { } received && occurred < received && received < occurred.Value.AddMinutes(1))
            {
                occurred = received;
            }
        }

        string? practitioner = string.IsNullOrWhiteSpace(input.PractitionerTyped) ? input.Practitioner : input.PractitionerTyped;
        try
        {
            var changed = await change.ApplyAsync(actor, input.ReferralId, input.Version,
                new ReferralChange(action, input.TeamCode, practitioner, input.Reason, input.Outcome, occurred), cancellationToken);
            return changed is null ? (ReferralChangeResult.NotFound, null) : (ReferralChangeResult.Done, changed.Reference);
        }
        catch (ReferralConflictException)
        {
            errors.Add(conflictAnchor, t["ReferralViewConflict"]);
            return (ReferralChangeResult.Conflict, null);
        }
        catch (ReferralChangeException refused)
        {
            var (field, message) = refused.Field switch
            {
                "reason" => ("reason", t["ReferralViewErrorReason_" + Slug(action)]),
                "practitioner" => ("practitioner", string.IsNullOrWhiteSpace(practitioner) ? t["ReferralViewErrorPractitioner"] : t["ReferralViewErrorPractitionerUnknown"]),
                "teamCode" => ("team", t["ReferralViewErrorTeam_" + Slug(action)]),
                "occurredAt" => ("day", t["ReferralViewErrorContactRange"]),
                "outcome" => ("outcome", t["ReferralViewErrorOutcome"]),
                _ => ((string?)null, t["ReferralViewErrorNotAllowed"]),
            };
            errors.Add(field is null ? conflictAnchor : FieldId(action, field, suffix), message);
            return (ReferralChangeResult.Invalid, null);
        }
        catch (PersonAccessDeniedException)
        {
            return (ReferralChangeResult.Denied, null);
        }
    }

    /// <summary>The first contact's date and time, entered in UK local time; null when not a real time.</summary>
    private static DateTime? ContactUtc(ReferralChangeInput input)
    {
        if (!int.TryParse(input.ContactDay, NumberStyles.None, CultureInfo.InvariantCulture, out int day)
            || !int.TryParse(input.ContactMonth, NumberStyles.None, CultureInfo.InvariantCulture, out int month)
            || !int.TryParse(input.ContactYear, NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            || year < 2000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || !TimeOnly.TryParseExact(input.ContactTime?.Trim(), ["H:mm", "HH:mm", "H.mm", "HH.mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        var local = new DateOnly(year, month, day).ToDateTime(time, DateTimeKind.Unspecified);
        // An hour that the clocks skip in spring (01:00 to 02:00 on the last Sunday in March) never happened.
        return WorklistText.UkTime.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, WorklistText.UkTime);
    }
}
