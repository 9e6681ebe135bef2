using OnePlace.Core.Access;

namespace OnePlace.Core.Governance;

/// <summary>
/// Who may read and keep the partnership's governance (PRODUCT.md F1–F4): the risk register, equality impact
/// assessments, the programme and the board pack. The programme office keeps them; board members read them and sign
/// off equality impact assessments; administrators read them. They hold no person data, only aggregates.
/// </summary>
public static class GovernanceAccess
{
    public static bool MaySee(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.ViewGovernance);

    public static bool MayChange(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.ChangeGovernance);

    public static bool MaySignOff(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.SignOffEqualityImpact);

    public static void CheckSee(StaffActor actor)
    {
        if (!MaySee(actor))
        {
            throw new GovernanceAccessDeniedException("Only the programme office, board members and administrators may see the partnership's governance.");
        }
    }

    public static void CheckChange(StaffActor actor)
    {
        if (!MayChange(actor))
        {
            throw new GovernanceAccessDeniedException("Only the programme office may change the risk register, equality impact assessments and the programme.");
        }
    }

    public static void CheckSignOff(StaffActor actor)
    {
        if (!MaySignOff(actor))
        {
            throw new GovernanceAccessDeniedException("Only board members may sign off an equality impact assessment.");
        }
    }
}

/// <summary>A member of staff without the permission asked to see or change governance; nothing was read or changed.</summary>
public sealed class GovernanceAccessDeniedException(string message) : Exception(message);

/// <summary>A governance change was refused for the reason given; nothing was changed. <see cref="Field"/> names the
/// form field at fault, when there is one, so that a page can mark it.</summary>
public sealed class GovernanceChangeException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The audit log's actions for governance. Governance rows are not person data: one row per change, no person.</summary>
public static class GovernanceAuditAction
{
    public const string RiskRecorded = "governance.risk_recorded";
    public const string RiskChanged = "governance.risk_changed";
    public const string RiskReviewed = "governance.risk_reviewed";
    public const string RiskClosed = "governance.risk_closed";
    public const string EqiaStarted = "governance.eqia_started";
    public const string EqiaChanged = "governance.eqia_changed";
    public const string EqiaEvidenceAdded = "governance.eqia_evidence_added";
    public const string EqiaSignedOff = "governance.eqia_signed_off";
    public const string EqiaRaisedByReplay = "governance.eqia_raised_by_replay";
    public const string ProgrammeChanged = "governance.programme_changed";
    public const string BoardPackViewed = "governance.board_pack_viewed";
    public const string BoardPackExported = "governance.board_pack_exported";
}
