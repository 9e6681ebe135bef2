namespace OnePlace.Core.Finance;

/// <summary>
/// A pooled fund agreement between NHS bodies and a council (PRODUCT.md E1): in England under section 75 of the
/// National Health Service Act 2006 (the vehicle of the Better Care Fund, research note D §2.1), in Wales under
/// section 33 of the National Health Service (Wales) Act 2006. One partner hosts the pool; its years run April to March.
/// </summary>
public sealed class PooledFundAgreement
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public LegalBasis LegalBasis { get; set; }

    /// <summary>The organisation that hosts the pool and keeps its accounts.</summary>
    public required string HostPartnerCode { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>The first financial year, by the calendar year it starts in (2019 is 2019/20).</summary>
    public int FirstYear { get; set; }

    public int YearCount { get; set; }

    public RiskShareRule RiskShareRule { get; set; }

    /// <summary>For <see cref="RiskShareRule.CappedShare"/>: the variance shared in proportion to contributions.</summary>
    public decimal? RiskShareCapGbp { get; set; }

    /// <summary>For <see cref="RiskShareRule.CappedShare"/>: the partner bearing any variance beyond the cap.</summary>
    public string? CapBearerCode { get; set; }

    /// <summary>For <see cref="RiskShareRule.CappedShare"/>: whether the cap also applies to an underspend; when not, an
    /// underspend is shared in proportion to contributions whatever its size.</summary>
    public bool CapAppliesToUnderspend { get; set; }

    /// <summary>What the agreement is for, or that its figures are illustrative.</summary>
    public string? Description { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }

    public int LastYear => FirstYear + YearCount - 1;

    public bool Covers(int financialYear) => financialYear >= FirstYear && financialYear <= LastYear;
}

/// <summary>The statute an agreement is made under.</summary>
public enum LegalBasis
{
    /// <summary>Section 75, National Health Service Act 2006 (England).</summary>
    Section75England,

    /// <summary>Section 33, National Health Service (Wales) Act 2006, with Part 9 of the Social Services and
    /// Well-being (Wales) Act 2014.</summary>
    Section33Wales,
}

/// <summary>How the pool's forecast over- or underspend is shared among its partners (docs/adr/0016).</summary>
public enum RiskShareRule
{
    /// <summary>In proportion to each partner's contribution for the year.</summary>
    ProRata,

    /// <summary>Each partner bears the variance of the in-scope schemes it commissions.</summary>
    ByCommissioner,

    /// <summary>Shared in proportion to contributions up to a cap; a named partner bears the rest.</summary>
    CappedShare,
}

/// <summary>An organisation that is party to an agreement (an <see cref="Organisations.Organisation"/>).</summary>
public sealed class PooledFundPartner
{
    public int AgreementId { get; set; }
    public required string OrganisationCode { get; set; }
}

/// <summary>A line of spending the agreement names: in the pool (in scope), or alongside it (out of scope, reported
/// but not shared).</summary>
public sealed class PooledFundScheme
{
    public int Id { get; set; }
    public int AgreementId { get; set; }

    /// <summary>The short code partners use in their monthly actuals files.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public bool InScope { get; set; }

    /// <summary>The partner that commissions the scheme (and bears its variance under <see cref="RiskShareRule.ByCommissioner"/>).</summary>
    public required string CommissionerCode { get; set; }

    public required string ServiceArea { get; set; }
}

/// <summary>What a partner pays into the pool in a financial year.</summary>
public sealed class PooledFundContribution
{
    public int AgreementId { get; set; }
    public required string OrganisationCode { get; set; }
    public int FinancialYear { get; set; }
    public decimal AmountGbp { get; set; }
}

/// <summary>A scheme's budget for a financial year and how it falls across the months.</summary>
public sealed class SchemeBudget
{
    public int SchemeId { get; set; }
    public int FinancialYear { get; set; }
    public decimal AmountGbp { get; set; }

    /// <summary>Twelve relative weights, April first, separated by spaces; none means an even profile.</summary>
    public string? Profile { get; set; }
}

/// <summary>One month's spending on a scheme, as a partner's ledger reported it.</summary>
public sealed class SchemeActual
{
    public long Id { get; set; }
    public int SchemeId { get; set; }

    /// <summary>The partner whose ledger booked the spending, where the file says.</summary>
    public string? PartnerCode { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public decimal AmountGbp { get; set; }
    public DateTime ImportedAtUtc { get; set; }
    public required string ImportedBy { get; set; }
}
