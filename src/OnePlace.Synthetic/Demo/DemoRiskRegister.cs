using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Synthetic.Demo;

/// <summary>
/// The demo partnership's risk register (PRODUCT.md F1): the risks a place-based health and social care partnership
/// commonly carries (workforce, money, urgent community response, the care home market, frailty, data sharing and
/// interoperability), recorded and changed through the register's own use cases as the programme office would, and
/// linked to the outcomes framework's indicators that watch them. The wording and scores are illustrative, made up for
/// the demo.
/// </summary>
public static class DemoRiskRegister
{
    private static readonly StaffActor Actor = new(DemoBorough.DemoActor, DemoBorough.DemoActor, [StaffRoles.ProgrammeOffice]);

    private sealed record DemoRisk(RiskDetails Details, RiskScore Inherent, RiskScore Current, RiskScore Target, string[] Indicators, (string What, string Owner, int InDays)[] Actions);

    private static readonly DemoRisk[] Risks =
    [
        new(new("Reablement workforce capacity",
                "Vacancies and turnover among reablement support workers and therapists, with agency cover hard to find",
                "Fewer people can be taken on for reablement on discharge from hospital",
                "People wait in hospital for care at home, more go straight into long-term care, and fewer are still at home 91 days after discharge",
                RiskCategory.Workforce, "Director of Adult Social Care", "Weekly capacity huddle between the reablement service and the discharge hub\nRolling recruitment campaign", 30),
            new(4, 4), new(4, 4), new(2, 3), ["still-at-home-91-days", "length-of-stay-65"],
            [("Run a targeted recruitment campaign for reablement support workers", "Head of Reablement", 60), ("Agree a joint therapy rota with the community trust", "Therapy Lead", 90)]),
        new(new("Pooled fund overspend",
                "Demand for home care and placements rising faster than the pooled budget",
                "The Section 75 pooled fund overspends in the year",
                "The partners must meet the overspend under the risk share, and schemes may have to be cut back in year",
                RiskCategory.Financial, "Director of Finance", "Monthly pooled fund report to the partnership board\nCapped risk share in the Section 75 agreement", 30),
            new(4, 5), new(4, 4), new(3, 3), [], [("Agree a recovery plan for home care spend with the council", "Director of Finance", 45)]),
        new(new("Urgent community response two-hour standard",
                "Referrals to urgent community response rising while rapid response staffing is unchanged",
                "People referred for urgent care at home are not seen within two hours",
                "People go to A&E or are admitted who could have been cared for at home",
                RiskCategory.QualityAndSafety, "Chief Operating Officer, community services", "Single point of access triages every referral\nDaily review of the response clock", 14),
            new(4, 4), new(3, 4), new(2, 3), ["ucr-seen-within-2-hours", "emergency-admissions-65"],
            [("Add an evening rapid response shift", "Urgent Community Response Manager", 30)]),
        new(new("Care home market sustainability",
                "Rising costs and vacancies among local care home providers",
                "A care home closes or stops taking new residents at short notice",
                "Residents must move, placements are harder to find and discharges are delayed",
                RiskCategory.Strategic, "Director of Commissioning", "Quarterly market position statement\nProvider quality and finance monitoring", 60),
            new(3, 5), new(3, 4), new(2, 4), ["care-home-admissions-65"], []),
        new(new("Demand growth from frailty",
                "An ageing population with more people living with moderate or severe frailty",
                "Demand for community, social care and hospital services grows faster than capacity",
                "Longer waits, more emergency admissions and longer stays for older people",
                RiskCategory.Strategic, "Director of Strategy", "Frailty case finding in primary care\nAnticipatory care plans for severe frailty", 90),
            new(5, 4), new(4, 4), new(3, 3), ["moderate-or-severe-frailty-65", "emergency-admissions-65"],
            [("Extend proactive care to everyone with severe frailty", "Clinical Director, primary care", 120)]),
        new(new("Data sharing agreements",
                "Data sharing agreements between partners not yet signed for all flows",
                "A partner's data cannot lawfully be shared or must be withdrawn from the shared record",
                "Staff work from incomplete records and the outcomes framework loses a source",
                RiskCategory.InformationGovernance, "Senior Information Risk Owner", "Information governance group meets monthly\nData protection impact assessment for each flow", 60),
            new(3, 4), new(2, 4), new(1, 4), [], [("Sign the data sharing agreement for social care records", "Data Protection Officer", 30)]),
        new(new("Digital interoperability",
                "Partners' systems use different standards and some cannot send structured referrals",
                "Referrals and care plans are re-keyed or sent by email",
                "Delay, transcription errors and staff time lost to duplicate entry",
                RiskCategory.Operational, "Chief Information Officer", "FHIR referral interface available to all partners", 90),
            new(4, 3), new(3, 3), new(2, 2), ["referrals-in-time"], []),
        new(new("Hospital discharge delays",
                "Too few packages of care and short-term beds at the point of discharge",
                "People medically fit to leave hospital stay longer than they need to",
                "Deconditioning, poorer outcomes at 91 days and fewer beds for emergency admissions",
                RiskCategory.Operational, "Director of Integrated Care", "Discharge to assess pathways\nDaily multi-agency discharge meeting", 30),
            new(4, 4), new(3, 4), new(2, 3), ["length-of-stay-65", "long-stays-65"], []),
    ];

    /// <summary>
    /// Records the demo risks unless the register holds any risk; true if it recorded them. A risk is linked only to
    /// indicators among <paramref name="knownIndicatorIds"/> (those of the outcomes framework's last run), as the
    /// register's own rule requires.
    /// </summary>
    public static async Task<bool> EnsureAsync(OnePlaceDb db, TimeProvider clock, IReadOnlyCollection<string> knownIndicatorIds, CancellationToken cancellationToken = default)
    {
        if (await db.Risks.AnyAsync(cancellationToken))
        {
            return false;
        }

        var audit = new AuditWriter(db, clock);
        var record = new RecordRisk(db, audit, clock);
        var change = new ChangeRisk(db, audit, clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var recorded = new List<Risk>();
        foreach (var demo in Risks)
        {
            var risk = await record.RecordAsync(Actor, demo.Details, demo.Inherent, demo.Current, demo.Target, cancellationToken);
            foreach (var indicator in demo.Indicators.Where(knownIndicatorIds.Contains))
            {
                await change.LinkIndicatorAsync(Actor, risk.Id, risk.Version, indicator, knownIndicatorIds, cancellationToken);
            }

            foreach (var (what, owner, inDays) in demo.Actions)
            {
                await change.AddActionAsync(Actor, risk.Id, risk.Version, what, owner, today.AddDays(inDays), cancellationToken);
            }

            recorded.Add(risk);
        }

        // A little history: the overspend risk re-scored once the month-7 forecast came in, and the data sharing risk's
        // first action done.
        var overspend = recorded[1];
        await change.RescoreAsync(Actor, overspend.Id, overspend.Version, new(5, 4), new(3, 3),
            "The month 7 forecast shows home care running 6% over budget.", cancellationToken);
        var sharing = recorded[5];
        int action = await db.RiskActions.Where(a => a.RiskId == sharing.Id).Select(a => a.Id).FirstAsync(cancellationToken);
        await change.CompleteActionAsync(Actor, sharing.Id, sharing.Version, action, cancellationToken);
        await change.RescoreAsync(Actor, sharing.Id, sharing.Version, new(1, 4), new(1, 4),
            "The social care data sharing agreement is signed by all partners.", cancellationToken);
        return true;
    }
}
