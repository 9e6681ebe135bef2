using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Worklists;

/// <summary>How referrals, their clocks and their care plans are written on worklists and the referral page.</summary>
public static class WorklistText
{
    /// <summary>UK local time, in which staff read every time on these pages.</summary>
    public static TimeZoneInfo UkTime => BusinessCalendar.EnglandAndWales.TimeZone;

    public static DateTime ToUk(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime);

    /// <summary>"3 June 2026, 14:05" in UK local time.</summary>
    public static string Time(DateTime utc) => ToUk(utc).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Time(DateTime? utc, IStringLocalizer<SharedResource> t) => utc is { } u ? Time(u) : t["NotRecorded"];

    public static string Date(DateOnly? date, IStringLocalizer<SharedResource> t) =>
        date?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) ?? t["NotRecorded"];

    public static string Need(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistNeed_" + code, code);

    public static string Urgency(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistUrgency_" + code, code);

    public static string Status(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistStatus_" + code, code);

    public static string Setting(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistSetting_" + code, code);

    public static string Outcome(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistOutcome_" + code, code);

    public static string GoalStatus(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "CarePlanGoal_" + code, code);

    public static string TaskStatus(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "CarePlanTask_" + code, code);

    /// <summary>An event of the referral's history in words; its stored kind when it is one we do not know.</summary>
    public static string EventKind(string kind, IStringLocalizer<SharedResource> t) => Lookup(t, "WorklistEvent_" + kind.Replace('.', '_'), kind);

    /// <summary>The NHS.UK tag colour of a status: open work in blue, ended in grey, returned to the SPA in yellow.</summary>
    public static string StatusTagClass(string status) => status switch
    {
        ReferralStatus.SpaQueue => "nhsuk-tag--yellow",
        ReferralStatus.AwaitingAcceptance or ReferralStatus.HandoverOffered => "nhsuk-tag--white",
        ReferralStatus.Accepted or ReferralStatus.InCare => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };

    /// <summary>A span of time to the minute, as a clock is read aloud: "1 h 12 min", "2 days 3 h", "less than 1 min".</summary>
    public static string Duration(TimeSpan span, IStringLocalizer<SharedResource> t)
    {
        long minutes = (long)Math.Floor(span.Duration().TotalMinutes);
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        return (days, hours, rest) switch
        {
            (0, 0, 0) => t["WorklistDurationUnderMinute"],
            (0, 0, _) => t["WorklistDurationMinutes", rest],
            (0, _, _) => t["WorklistDurationHours", hours, rest],
            (1, _, _) => t["WorklistDurationDay", hours],
            _ => t["WorklistDurationDays", days, hours],
        };
    }

    /// <summary>
    /// Where the clock stands, in words: "Due in 1 h 12 min", "Breached 20 min ago", "Paused", "Seen" or "Seen late".
    /// The flags are shown as tags beside it, so that neither colour nor words alone carry the meaning.
    /// </summary>
    public static string Clock(TimeSpan remaining, bool paused, bool stopped, bool breached, IStringLocalizer<SharedResource> t) =>
        (stopped, paused, breached) switch
        {
            (true, _, true) => t["WorklistClockSeenLate"],
            (true, _, false) => t["WorklistClockSeen"],
            (_, true, _) => t["WorklistClockPaused"],
            (_, _, true) when remaining < TimeSpan.Zero => t["WorklistClockBreachedAgo", Duration(remaining, t)],
            (_, _, true) => t["WorklistClockBreached"],
            _ => t["WorklistClockDueIn", Duration(remaining, t)],
        };

    private static string Lookup(IStringLocalizer<SharedResource> t, string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
