using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Governance;

/// <summary>
/// An equality impact assessment from start to sign-off (PRODUCT.md F2): every characteristic assessed with its
/// evidence, a negative impact mitigated or its absence justified, a board member's decision; each step audited and
/// version-checked, each refusal naming its field and changing nothing.
/// </summary>
public sealed class EqualityImpactAssessmentTests
{
    public static readonly StaffActor Office = new("p", "programme@partnership.test", [StaffRoles.ProgrammeOffice]);
    public static readonly StaffActor Board = new("b", "board@partnership.test", [StaffRoles.BoardMember]);
    public static readonly StaffActor Nurse = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "DN-N");
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static EqiaProposal Proposal(string subject = "v2", EqiaSubjectKind kind = EqiaSubjectKind.TriageRules) =>
        new("Older people seen sooner", "See people of 85 and over with mobility needs within 2 days.", kind, subject, "Head of SPA", new DateOnly(2026, 12, 31));

    private static StartEqia Start(OnePlaceDb db, FixedClock clock) => new(db, new AuditWriter(db, clock), clock, TriageRules.Locate(null));

    [Fact]
    public async Task An_assessment_goes_from_draft_to_signed_off_with_an_audit_row_at_each_step()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(Now);
        var audit = new AuditWriter(db, clock);

        var eqia = await Start(db, clock).StartAsync(Office, Proposal());
        var second = await Start(db, clock).StartAsync(Office, Proposal("Closing the Pleck day centre", EqiaSubjectKind.ServiceChange));
        Assert.Equal(("EQIA-001", "EQIA-002", EqiaStatus.Draft, 1), (eqia.Reference, second.Reference, eqia.Status, eqia.Version));
        Assert.Equal(Enum.GetValues<Characteristic>().Length, await db.EqiaCharacteristics.CountAsync(c => c.EqiaId == eqia.Id && c.Impact == EqiaImpact.NotYetAssessed));

        int version = eqia.Version;
        foreach (var c in Enum.GetValues<Characteristic>())
        {
            var impact = c == Characteristic.Age ? EqiaImpact.Positive : c == Characteristic.SocioEconomicDeprivation ? EqiaImpact.Negative : EqiaImpact.Neutral;
            var mitigation = impact == EqiaImpact.Negative ? "Q1 referrals audited monthly for the first quarter." : null;
            version = (await new AssessCharacteristic(db, audit).AssessAsync(Office, eqia.Id, version, c, impact, "Replay of the last 1,000 referrals.", mitigation)).Version;
        }

        await new AddEqiaEvidence(db, audit, clock).AddAsync(Office, eqia.Id, version++, "Carers' forum", "Carers welcomed the change.");
        version = (await new SubmitEqiaForSignOff(db, audit).SubmitAsync(Office, eqia.Id, version)).Version;
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => new SignOffEqia(db, audit, clock).SignOffAsync(Office, eqia.Id, version, EqiaDecision.Adjust, null));
        var signed = await new SignOffEqia(db, audit, clock).SignOffAsync(Board, eqia.Id, version, EqiaDecision.Continue, "The benefit to the oldest outweighs the delay, with the monthly audit.");

        Assert.Equal((EqiaStatus.SignedOff, EqiaDecision.Continue, "board@partnership.test"), (signed.Status, signed.Decision, signed.SignedOffBy));
        db.ChangeTracker.Clear();
        var actions = await db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith("governance.eqia")).Select(a => a.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == GovernanceAuditAction.EqiaStarted));
        Assert.Equal(Enum.GetValues<Characteristic>().Length + 1, actions.Count(a => a == GovernanceAuditAction.EqiaChanged));
        Assert.Equal(1, actions.Count(a => a == GovernanceAuditAction.EqiaEvidenceAdded));
        Assert.Equal(1, actions.Count(a => a == GovernanceAuditAction.EqiaSignedOff));
        var negative = await db.EqiaCharacteristics.SingleAsync(c => c.EqiaId == eqia.Id && c.Characteristic == Characteristic.SocioEconomicDeprivation);
        Assert.Equal((EqiaImpact.Negative, "Q1 referrals audited monthly for the first quarter."), (negative.Impact, negative.Mitigation));
    }

    [Fact]
    public async Task Refusals_name_their_field_and_change_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(Now);
        var audit = new AuditWriter(db, clock);
        var eqia = await Start(db, clock).StartAsync(Office, Proposal());
        int rows = await db.AuditLog.CountAsync();

        async Task<string?> Refused(Func<Task> change) => (await Assert.ThrowsAsync<GovernanceChangeException>(change)).Field;

        Assert.Equal("subject", await Refused(() => Start(db, clock).StartAsync(Office, Proposal("v99"))));
        Assert.Equal("title", await Refused(() => Start(db, clock).StartAsync(Office, Proposal() with { Title = " " })));
        Assert.Equal("title", await Refused(() => Start(db, clock).StartAsync(Office, Proposal() with { Title = new string('x', 201) })));
        Assert.Equal("due-by", await Refused(() => Start(db, clock).StartAsync(Office, Proposal() with { DueBy = new DateOnly(2026, 11, 1) })));
        var assess = new AssessCharacteristic(db, audit);
        Assert.Equal("mitigation", await Refused(() => assess.AssessAsync(Office, eqia.Id, 1, Characteristic.Race, EqiaImpact.Negative, "Interpreter waits.", " ")));
        Assert.Equal("evidence", await Refused(() => assess.AssessAsync(Office, eqia.Id, 1, Characteristic.Race, EqiaImpact.Neutral, "", null)));
        Assert.Equal("impact", await Refused(() => assess.AssessAsync(Office, eqia.Id, 1, Characteristic.Race, EqiaImpact.NotYetAssessed, "x", null)));
        Assert.Equal("version", await Refused(() => assess.AssessAsync(Office, eqia.Id, 7, Characteristic.Race, EqiaImpact.Neutral, "x", null)));
        Assert.Equal("characteristics", await Refused(() => new SubmitEqiaForSignOff(db, audit).SubmitAsync(Office, eqia.Id, 1)));
        Assert.Equal("status", await Refused(() => new SignOffEqia(db, audit, clock).SignOffAsync(Board, eqia.Id, 1, EqiaDecision.NoMajorChange, null)));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => Start(db, clock).StartAsync(Nurse, Proposal()));
        await Assert.ThrowsAsync<GovernanceAccessDeniedException>(() => assess.AssessAsync(Board, eqia.Id, 1, Characteristic.Race, EqiaImpact.Neutral, "x", null));

        db.ChangeTracker.Clear();
        Assert.Equal(rows, await db.AuditLog.CountAsync());
        Assert.Equal(1, await db.EqualityImpactAssessments.CountAsync());
        var unchanged = await db.EqualityImpactAssessments.SingleAsync();
        Assert.Equal((EqiaStatus.Draft, 1), (unchanged.Status, unchanged.Version));
        Assert.Equal(0, await db.EqiaCharacteristics.CountAsync(c => c.Impact != EqiaImpact.NotYetAssessed));
    }

    [Fact]
    public async Task Continue_and_stop_need_a_rationale_and_a_stale_form_is_refused()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(Now);
        var audit = new AuditWriter(db, clock);
        var eqia = await Start(db, clock).StartAsync(Office, Proposal());
        int version = eqia.Version;
        foreach (var c in Enum.GetValues<Characteristic>())
        {
            version = (await new AssessCharacteristic(db, audit).AssessAsync(Office, eqia.Id, version, c, EqiaImpact.Neutral, "No difference found.", null)).Version;
        }

        version = (await new SubmitEqiaForSignOff(db, audit).SubmitAsync(Office, eqia.Id, version)).Version;
        var signOff = new SignOffEqia(db, audit, clock);
        Assert.Equal("rationale", (await Assert.ThrowsAsync<GovernanceChangeException>(() => signOff.SignOffAsync(Board, eqia.Id, version, EqiaDecision.Stop, " "))).Field);
        Assert.Equal("rationale", (await Assert.ThrowsAsync<GovernanceChangeException>(() => signOff.SignOffAsync(Board, eqia.Id, version, EqiaDecision.Continue, null))).Field);
        Assert.Equal("version", (await Assert.ThrowsAsync<GovernanceChangeException>(() => signOff.SignOffAsync(Board, eqia.Id, version - 1, EqiaDecision.NoMajorChange, null))).Field);

        var signed = await signOff.SignOffAsync(Board, eqia.Id, version, EqiaDecision.NoMajorChange, null);
        Assert.Equal((EqiaStatus.SignedOff, (string?)null), (signed.Status, signed.DecisionRationale));
        Assert.Equal("status", (await Assert.ThrowsAsync<GovernanceChangeException>(() =>
            new AddEqiaEvidence(db, audit, clock).AddAsync(Office, eqia.Id, signed.Version, "Late", "Too late."))).Field);
    }
}
