using OnePlace.Core.Access;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Finance;

/// <summary>
/// Who may see and change the pooled fund ledger: the one access check every page, export, command and use case of
/// the ledger goes through. Finance leads keep it; the programme office, which tracks the transformation programme the
/// pool pays for, may read it. Nobody else: the ledger holds the partners' budgets, not care.
/// </summary>
public static class PooledFundAccess
{
    public static bool MaySee(StaffActor actor) =>
        !actor.IsClientSystem && actor.May(Permission.ViewPooledFund);

    public static bool MayChange(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.ChangePooledFund);

    public static void CheckSee(StaffActor actor)
    {
        if (!MaySee(actor))
        {
            throw new FinanceAccessDeniedException("Only finance leads and the programme office may see the pooled fund ledger.");
        }
    }

    public static void CheckChange(StaffActor actor)
    {
        if (!MayChange(actor))
        {
            throw new FinanceAccessDeniedException("Only finance leads may change the pooled fund ledger.");
        }
    }
}

/// <summary>A member of staff asked to see or change the ledger without a finance role; nothing was read or changed.</summary>
public sealed class FinanceAccessDeniedException(string message) : Exception(message);

/// <summary>A change to the ledger was refused for the reason given; nothing was changed. <see cref="Problem"/> names
/// what was wrong, so that a form can mark the field and say why in the reader's language.</summary>
public sealed class PooledFundChangeException(string message, PooledFundProblem problem = PooledFundProblem.NoSuchAgreement) : Exception(message)
{
    public PooledFundProblem Problem { get; } = problem;
}

/// <summary>Why a change to the ledger was refused: one value per rule of the use cases, each about one term of the change.</summary>
public enum PooledFundProblem
{
    NoSuchAgreement,
    NameMissing,
    NameTooLong,
    PartnerCodeMissing,
    TooFewPartners,
    PartnerTwice,
    HostNotPartner,
    YearCountOutOfRange,
    NoScheme,
    SchemeCodeBad,
    SchemeCodeTaken,
    SchemeNameMissing,
    SchemeNameTooLong,
    CommissionerNotPartner,
    NotPartner,
    NoSuchScheme,
    YearNotCovered,
    ContributionNotMoney,
    BudgetNotMoney,
    ProfileBad,
    CapMissing,
    CapBearerNotPartner,
    CapWithoutCappedRule,
}

/// <summary>The audit log's actions for the ledger. Ledger rows are not person data: one row per change, no person.</summary>
public static class PooledFundAuditAction
{
    public const string AgreementMade = "pooled_fund.agreement_made";
    public const string ContributionSet = "pooled_fund.contribution_set";
    public const string BudgetSet = "pooled_fund.budget_set";
    public const string SchemeAdded = "pooled_fund.scheme_added";
    public const string RiskShareChanged = "pooled_fund.risk_share_changed";
    public const string ActualsImported = "pooled_fund.actuals_imported";
}
