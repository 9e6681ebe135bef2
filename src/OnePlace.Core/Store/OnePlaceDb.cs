using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnePlace.Core.Access;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Audit;
using OnePlace.Core.CarePlans;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.Conditions;
using OnePlace.Core.Events;
using OnePlace.Core.Finance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Geography;
using OnePlace.Core.Import;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Store;

/// <summary>
/// The operational store. One model, two providers: SQLite (embedded, the default) and PostgreSQL (production).
/// Each provider has its own subclass only so that each keeps its own migrations (see docs/adr/0001).
/// </summary>
public abstract class OnePlaceDb(DbContextOptions options) : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<SourceRecord> SourceRecords => Set<SourceRecord>();
    public DbSet<CareEvent> Events => Set<CareEvent>();
    public DbSet<Condition> Conditions => Set<Condition>();
    public DbSet<Locality> Localities => Set<Locality>();
    public DbSet<SmallArea> SmallAreas => Set<SmallArea>();
    public DbSet<PostcodeArea> Postcodes => Set<PostcodeArea>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ImportedFile> ImportedFiles => Set<ImportedFile>();
    public DbSet<LinkDecision> LinkDecisions => Set<LinkDecision>();
    public DbSet<LinkReviewPair> LinkReviewPairs => Set<LinkReviewPair>();
    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();
    public DbSet<PersonMergeRecord> PersonMergeRecords => Set<PersonMergeRecord>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralEvent> ReferralEvents => Set<ReferralEvent>();
    public DbSet<CareRelationship> CareRelationships => Set<CareRelationship>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<EpisodeOfCare> Episodes => Set<EpisodeOfCare>();
    public DbSet<CarePlan> CarePlans => Set<CarePlan>();
    public DbSet<CareGoal> CareGoals => Set<CareGoal>();
    public DbSet<CareTask> CareTasks => Set<CareTask>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<CaseFindingList> CaseFindingLists => Set<CaseFindingList>();
    public DbSet<CaseFindingMember> CaseFindingMembers => Set<CaseFindingMember>();
    public DbSet<Risk> Risks => Set<Risk>();
    public DbSet<RiskAction> RiskActions => Set<RiskAction>();
    public DbSet<RiskIndicatorLink> RiskIndicatorLinks => Set<RiskIndicatorLink>();
    public DbSet<RiskRevision> RiskRevisions => Set<RiskRevision>();
    public DbSet<EqualityImpactAssessment> EqualityImpactAssessments => Set<EqualityImpactAssessment>();
    public DbSet<EqiaCharacteristicAssessment> EqiaCharacteristics => Set<EqiaCharacteristicAssessment>();
    public DbSet<EqiaEvidence> EqiaEvidence => Set<EqiaEvidence>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammePhase> ProgrammePhases => Set<ProgrammePhase>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<Benefit> Benefits => Set<Benefit>();
    public DbSet<PooledFundAgreement> PooledFundAgreements => Set<PooledFundAgreement>();
    public DbSet<PooledFundPartner> PooledFundPartners => Set<PooledFundPartner>();
    public DbSet<PooledFundScheme> PooledFundSchemes => Set<PooledFundScheme>();
    public DbSet<PooledFundContribution> PooledFundContributions => Set<PooledFundContribution>();
    public DbSet<SchemeBudget> SchemeBudgets => Set<SchemeBudget>();
    public DbSet<SchemeActual> SchemeActuals => Set<SchemeActual>();
    public DbSet<NationalDataOptOut> NationalDataOptOuts => Set<NationalDataOptOut>();
    public DbSet<NationalDataOptOutCheck> NationalDataOptOutChecks => Set<NationalDataOptOutCheck>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.Property(p => p.NhsNumber).HasMaxLength(10);
            e.HasIndex(p => p.NhsNumber).IsUnique();
            e.HasIndex(p => new { p.FamilyName, p.GivenName });
            e.HasIndex(p => p.DateOfBirth);
            e.HasIndex(p => p.Postcode);
            e.HasIndex(p => p.LocalityCode);
            // No foreign key on MergedIntoId: on SQLite adding one to an existing table means rebuilding the whole table;
            // person_merges holds the merge with foreign keys to both people.
            e.HasIndex(p => p.MergedIntoId);
        });

        builder.Entity<SourceRecord>(e =>
        {
            e.ToTable("source_records");
            e.HasIndex(r => new { r.Partner, r.LocalRecordId }).IsUnique();
            e.HasIndex(r => r.PersonId);
            e.HasIndex(r => r.NhsNumber);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportedFile>().WithMany().HasForeignKey(r => r.ImportedFileId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.LinkMethod).HasMaxLength(20);
            // LinkedToRecordId is provenance, like events.ImportedFileId: no foreign key or index to maintain on import.
        });

        builder.Entity<LinkDecision>(e =>
        {
            e.ToTable("link_decisions");
            e.HasIndex(d => new { d.RecordIdA, d.RecordIdB });
            e.HasIndex(d => d.RecordIdB);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(d => d.RecordIdA).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(d => d.RecordIdB).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LinkReviewPair>(e =>
        {
            e.ToTable("link_review_pairs");
            e.HasIndex(p => new { p.RecordIdA, p.RecordIdB }).IsUnique();
            e.HasIndex(p => p.RecordIdB);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(p => p.RecordIdA).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(p => p.RecordIdB).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PersonMerge>(e =>
        {
            e.ToTable("person_merges");
            e.HasIndex(m => m.SurvivorId);
            e.HasIndex(m => m.MergedId);
            e.HasIndex(m => m.MergedAtUtc);
            e.Ignore(m => m.IsUndone);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LinkDecision>().WithMany().HasForeignKey(m => m.LinkDecisionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PersonMergeRecord>(e =>
        {
            e.ToTable("person_merge_records");
            e.HasKey(r => new { r.MergeId, r.SourceRecordId });
            e.HasIndex(r => r.SourceRecordId);
            e.HasOne<PersonMerge>().WithMany().HasForeignKey(r => r.MergeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(r => r.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CareEvent>(e =>
        {
            e.ToTable("events");
            e.HasIndex(v => new { v.Partner, v.LocalEventId }).IsUnique();
            e.HasIndex(v => new { v.PersonId, v.StartDate });
            e.HasIndex(v => v.SourceRecordId);
            e.Property(v => v.HoursPerWeek).HasPrecision(6, 2);
            e.Property(v => v.UnitCostGbp).HasPrecision(12, 2);
            // ImportedFileId is provenance only: no foreign key, so that the largest table carries one index fewer on import.
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(v => v.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Condition>(e =>
        {
            e.ToTable("conditions");
            e.HasIndex(c => new { c.SourceRecordId, c.Code }).IsUnique();
            e.HasIndex(c => c.PersonId);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(c => c.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Locality>(e =>
        {
            e.ToTable("localities");
            e.HasKey(l => l.Code);
        });
        builder.Entity<SmallArea>(e =>
        {
            e.ToTable("small_areas");
            e.HasKey(a => a.Code);
            e.HasOne<Locality>().WithMany().HasForeignKey(a => a.LocalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PostcodeArea>(e =>
        {
            e.ToTable("postcodes");
            e.HasKey(p => p.Postcode);
            e.HasOne<SmallArea>().WithMany().HasForeignKey(p => p.SmallAreaCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(o => o.Code);
        });
        builder.Entity<Service>(e =>
        {
            e.ToTable("services");
            e.HasKey(s => s.Code);
        });
        builder.Entity<Team>(e =>
        {
            e.ToTable("teams");
            e.HasKey(t => t.Code);
            e.HasOne<Service>().WithMany().HasForeignKey(t => t.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Ignore(r => r.Clock);
            e.Ignore(r => r.IsOpen);
            e.HasIndex(r => r.Reference).IsUnique();
            e.HasIndex(r => new { r.SubmittedBy, r.SenderIdentifier });
            e.HasIndex(r => r.PersonId);
            // Worklists: a team's open referrals by due time; the SPA queue; the breach watch.
            e.HasIndex(r => new { r.TeamCode, r.Status, r.DueAtUtc });
            e.HasIndex(r => new { r.Status, r.DueAtUtc });
            e.HasIndex(r => new { r.HandoverTeamCode, r.Status });
            e.HasIndex(r => r.ReceivedAtUtc);
            foreach (var text in new[] { nameof(Referral.Source), nameof(Referral.PersonMatch), nameof(Referral.Need), nameof(Referral.Setting),
                         nameof(Referral.Urgency), nameof(Referral.Status), nameof(Referral.TriageVersion), nameof(Referral.TriageRule) })
            {
                e.Property(text).HasMaxLength(40);
            }

            e.Property(r => r.Reference).HasMaxLength(20);
            e.Property(r => r.Details).HasMaxLength(ReferralSubmission.DetailsMaxLength);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SourceRecord>().WithMany().HasForeignKey(r => r.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ReferralEvent>(e =>
        {
            e.ToTable("referral_events");
            e.HasIndex(v => new { v.ReferralId, v.Id });
            e.HasIndex(v => new { v.Kind, v.OccurredAtUtc });
            e.HasOne<Referral>().WithMany().HasForeignKey(v => v.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CareRelationship>(e =>
        {
            e.ToTable("care_relationships");
            e.HasIndex(c => new { c.PersonId, c.EndedAtUtc });
            e.HasIndex(c => c.ReferralId);
            e.HasIndex(c => c.CaseFindingListId);
            e.HasOne<Referral>().WithMany().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CaseFindingList>().WithMany().HasForeignKey(c => c.CaseFindingListId).OnDelete(DeleteBehavior.Restrict);
            // Every relationship has exactly one basis (docs/adr/0014). Quoted names read the same on SQLite and PostgreSQL.
            e.ToTable(t => t.HasCheckConstraint("CK_care_relationships_one_basis", "(\"ReferralId\" IS NULL) <> (\"CaseFindingListId\" IS NULL)"));
        });
        builder.Entity<BreakGlassGrant>(e =>
        {
            e.ToTable("break_glass_grants");
            e.Ignore(g => g.IsReviewed);
            e.HasIndex(g => new { g.Actor, g.PersonId, g.ExpiresAtUtc });
            e.HasIndex(g => g.ReviewedAtUtc);
            e.Property(g => g.Actor).HasMaxLength(256);
            e.Property(g => g.Reason).HasMaxLength(40);
            e.Property(g => g.Justification).HasMaxLength(BreakGlass.JustificationMaxLength);
            e.Property(g => g.ReviewedBy).HasMaxLength(256);
            e.Property(g => g.ReviewOutcome).HasMaxLength(40);
            e.Property(g => g.ReviewNote).HasMaxLength(BreakGlass.ReviewNoteMaxLength);
            e.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CaseFindingList>(e =>
        {
            e.ToTable("case_finding_lists");
            e.Ignore(l => l.IsOpen);
            e.HasIndex(l => new { l.TeamCode, l.CreatedAtUtc });
            e.Property(l => l.Criteria).HasMaxLength(1000);
            e.Property(l => l.CloseReason).HasMaxLength(500);
            e.HasOne<Team>().WithMany().HasForeignKey(l => l.TeamCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Locality>().WithMany().HasForeignKey(l => l.LocalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CaseFindingMember>(e =>
        {
            e.ToTable("case_finding_members");
            e.HasIndex(m => new { m.ListId, m.PersonId }).IsUnique();
            e.HasIndex(m => new { m.ListId, m.Position });
            e.HasIndex(m => m.PersonId);
            e.Property(m => m.Frailty).HasMaxLength(20);
            e.Property(m => m.SegmentName).HasMaxLength(200);
            e.HasOne<CaseFindingList>().WithMany().HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EpisodeOfCare>(e =>
        {
            e.ToTable("episodes_of_care");
            e.HasIndex(x => x.ReferralId);
            e.HasIndex(x => x.PersonId);
            e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CarePlan>(e =>
        {
            e.ToTable("care_plans");
            e.HasIndex(p => p.ReferralId).IsUnique();
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne<Referral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CareGoal>(e =>
        {
            e.ToTable("care_goals");
            e.HasIndex(g => g.CarePlanId);
            e.HasOne<CarePlan>().WithMany().HasForeignKey(g => g.CarePlanId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CareTask>(e =>
        {
            e.ToTable("care_tasks");
            e.HasIndex(t => t.CarePlanId);
            e.HasIndex(t => new { t.AssignedTeamCode, t.Status });
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne<CarePlan>().WithMany().HasForeignKey(t => t.CarePlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(t => t.AssignedTeamCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ApiClient>(e =>
        {
            e.ToTable("api_clients");
            e.HasKey(c => c.ClientId);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(a => a.PersonId);
            e.HasIndex(a => a.OccurredAtUtc);
            e.Property(a => a.Hash).HasMaxLength(64);
        });
        builder.Entity<ImportedFile>(e =>
        {
            e.ToTable("imported_files");
            e.HasIndex(f => f.Sha256).IsUnique();
        });
        ConfigurePooledFunds(builder);
        ConfigureGovernance(builder);
    }

    /// <summary>The pooled fund ledger (docs/adr/0016). Money is numeric(14,2) on PostgreSQL; SQLite keeps decimals as
    /// text, so the ledger sums in memory rather than in SQL.</summary>
    private static void ConfigurePooledFunds(ModelBuilder builder)
    {
        builder.Entity<PooledFundAgreement>(e =>
        {
            e.ToTable("pooled_fund_agreements");
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.LegalBasis).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.RiskShareRule).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.RiskShareCapGbp).HasPrecision(14, 2);
            e.Property(a => a.Description).HasMaxLength(1000);
            e.Ignore(a => a.LastYear);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.HostPartnerCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.CapBearerCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PooledFundPartner>(e =>
        {
            e.ToTable("pooled_fund_partners");
            e.HasKey(p => new { p.AgreementId, p.OrganisationCode });
            e.HasOne<PooledFundAgreement>().WithMany().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PooledFundScheme>(e =>
        {
            e.ToTable("pooled_fund_schemes");
            e.HasIndex(s => new { s.AgreementId, s.Code }).IsUnique();
            e.Property(s => s.Code).HasMaxLength(40);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.ServiceArea).HasMaxLength(100);
            e.HasOne<PooledFundAgreement>().WithMany().HasForeignKey(s => s.AgreementId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(s => s.CommissionerCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<PooledFundContribution>(e =>
        {
            e.ToTable("pooled_fund_contributions");
            e.HasKey(c => new { c.AgreementId, c.OrganisationCode, c.FinancialYear });
            e.Property(c => c.AmountGbp).HasPrecision(14, 2);
            e.HasOne<PooledFundPartner>().WithMany().HasForeignKey(c => new { c.AgreementId, c.OrganisationCode }).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<SchemeBudget>(e =>
        {
            e.ToTable("scheme_budgets");
            e.HasKey(b => new { b.SchemeId, b.FinancialYear });
            e.Property(b => b.AmountGbp).HasPrecision(14, 2);
            e.Property(b => b.Profile).HasMaxLength(300);
            e.HasOne<PooledFundScheme>().WithMany().HasForeignKey(b => b.SchemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<SchemeActual>(e =>
        {
            e.ToTable("scheme_actuals");
            e.HasIndex(a => new { a.SchemeId, a.Month });
            e.Property(a => a.AmountGbp).HasPrecision(14, 2);
            e.Property(a => a.PartnerCode).HasMaxLength(40);
            e.Property(a => a.ImportedBy).HasMaxLength(256);
            e.HasOne<PooledFundScheme>().WithMany().HasForeignKey(a => a.SchemeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.PartnerCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<NationalDataOptOut>(e =>
        {
            e.ToTable("national_data_opt_outs");
            e.HasKey(o => o.NhsNumber);
            e.Property(o => o.NhsNumber).HasMaxLength(10);
        });
        builder.Entity<NationalDataOptOutCheck>(e =>
        {
            e.ToTable("national_data_opt_out_checks");
            e.Property(c => c.ImportedBy).HasMaxLength(256);
            e.Property(c => c.FileName).HasMaxLength(260);
        });
    }

    /// <summary>The risk register, equality impact assessments and the programme (PRODUCT.md F1–F3). Enumerations are
    /// kept as their names so that the tables read plainly; scores are checked 1–5 by the database as well as the use cases.</summary>
    private static readonly string[] RiskScoreColumns =
        ["InherentLikelihood", "InherentImpact", "CurrentLikelihood", "CurrentImpact", "TargetLikelihood", "TargetImpact"];

    private static void ConfigureGovernance(ModelBuilder builder)
    {
        builder.Entity<Risk>(e =>
        {
            e.ToTable("risks", t =>
            {
                foreach (var score in RiskScoreColumns)
                {
                    t.HasCheckConstraint($"CK_risks_{score}", $"\"{score}\" BETWEEN 1 AND 5");
                }
            });
            e.HasIndex(r => r.Reference).IsUnique();
            e.HasIndex(r => new { r.Status, r.NextReviewDue });
            e.Property(r => r.Reference).HasMaxLength(20);
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.Cause).HasMaxLength(2000);
            e.Property(r => r.Event).HasMaxLength(2000);
            e.Property(r => r.Effect).HasMaxLength(2000);
            e.Property(r => r.Owner).HasMaxLength(200);
            e.Property(r => r.Controls).HasMaxLength(4000);
            e.Property(r => r.LastReviewedBy).HasMaxLength(256);
            e.Property(r => r.CreatedBy).HasMaxLength(256);
            e.Property(r => r.Category).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Ignore(r => r.InherentScore);
            e.Ignore(r => r.CurrentScore);
            e.Ignore(r => r.TargetScore);
        });
        builder.Entity<RiskAction>(e =>
        {
            e.ToTable("risk_actions");
            e.HasIndex(a => a.RiskId);
            e.Property(a => a.Description).HasMaxLength(1000);
            e.Property(a => a.Owner).HasMaxLength(200);
            e.HasOne<Risk>().WithMany().HasForeignKey(a => a.RiskId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RiskIndicatorLink>(e =>
        {
            e.ToTable("risk_indicators");
            e.HasKey(l => new { l.RiskId, l.IndicatorId });
            e.Property(l => l.IndicatorId).HasMaxLength(100);
            e.HasOne<Risk>().WithMany().HasForeignKey(l => l.RiskId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RiskRevision>(e =>
        {
            e.ToTable("risk_revisions");
            e.HasIndex(r => new { r.RiskId, r.Number }).IsUnique();
            e.Property(r => r.ChangedBy).HasMaxLength(256);
            e.Property(r => r.Summary).HasMaxLength(2000);
            e.HasOne<Risk>().WithMany().HasForeignKey(r => r.RiskId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EqualityImpactAssessment>(e =>
        {
            e.ToTable("equality_impact_assessments");
            e.HasIndex(a => a.Reference).IsUnique();
            e.HasIndex(a => new { a.SubjectKind, a.Subject });
            e.Property(a => a.Reference).HasMaxLength(20);
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.Proposal).HasMaxLength(4000);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.Property(a => a.Owner).HasMaxLength(200);
            e.Property(a => a.DecisionRationale).HasMaxLength(4000);
            e.Property(a => a.SignedOffBy).HasMaxLength(256);
            e.Property(a => a.RaisedBecause).HasMaxLength(1000);
            e.Property(a => a.CreatedBy).HasMaxLength(256);
            e.Property(a => a.SubjectKind).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.Decision).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        builder.Entity<EqiaCharacteristicAssessment>(e =>
        {
            e.ToTable("eqia_characteristics");
            e.HasKey(c => new { c.EqiaId, c.Characteristic });
            e.Property(c => c.Characteristic).HasConversion<string>().HasMaxLength(40);
            e.Property(c => c.Impact).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Evidence).HasMaxLength(4000);
            e.Property(c => c.Mitigation).HasMaxLength(4000);
            e.HasOne<EqualityImpactAssessment>().WithMany().HasForeignKey(c => c.EqiaId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EqiaEvidence>(e =>
        {
            e.ToTable("eqia_evidence");
            e.HasIndex(v => v.EqiaId);
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(v => v.Title).HasMaxLength(200);
            e.Property(v => v.AddedBy).HasMaxLength(256);
            e.HasOne<EqualityImpactAssessment>().WithMany().HasForeignKey(v => v.EqiaId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Programme>(e =>
        {
            e.ToTable("programmes");
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(4000);
            e.Property(p => p.Owner).HasMaxLength(200);
            e.Property(p => p.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<ProgrammePhase>(e =>
        {
            e.ToTable("programme_phases");
            e.HasIndex(p => new { p.ProgrammeId, p.Order }).IsUnique();
            e.Property(p => p.Name).HasMaxLength(200);
            e.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Milestone>(e =>
        {
            e.ToTable("milestones");
            e.HasIndex(m => m.PhaseId);
            e.Property(m => m.Title).HasMaxLength(300);
            e.Property(m => m.Owner).HasMaxLength(200);
            e.Property(m => m.Note).HasMaxLength(2000);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<ProgrammePhase>().WithMany().HasForeignKey(m => m.PhaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Benefit>(e =>
        {
            e.ToTable("benefits");
            e.HasIndex(b => b.ProgrammeId);
            e.Property(b => b.Title).HasMaxLength(300);
            e.Property(b => b.Owner).HasMaxLength(200);
            e.Property(b => b.IndicatorId).HasMaxLength(100);
            e.HasOne<Programme>().WithMany().HasForeignKey(b => b.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        var added = AddedAuditRows();
        if (added.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        if (Database.CurrentTransaction is { } current)
        {
            Chain(AuditChain.Begin(Database.GetDbConnection(), current.GetDbTransaction()), added);
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.BeginTransaction();
        Chain(AuditChain.Begin(Database.GetDbConnection(), transaction.GetDbTransaction()), added);
        int saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction.Commit();
        return saved;
    }

    /// <summary>
    /// Audit rows are chained as they are saved (docs/adr/0018): the save takes the store's append turn inside its
    /// transaction — the caller's, or one of its own — reads the chain's head, and gives each new row the next id and
    /// its hash. The turn lasts until that transaction ends, so concurrent writers append one after another.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        var added = AddedAuditRows();
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is { } current)
        {
            Chain(await AuditChain.BeginAsync(Database.GetDbConnection(), current.GetDbTransaction(), cancellationToken), added);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        Chain(await AuditChain.BeginAsync(Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken), added);
        int saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private List<AuditEntry> AddedAuditRows() =>
        ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    /// <summary>In the order the rows were added, which is the order the use case wrote them.</summary>
    private static void Chain(AuditAppender appender, List<AuditEntry> rows)
    {
        foreach (var row in rows)
        {
            appender.Append(row);
        }
    }

    /// <summary>The audit log is append-only; the database triggers enforce the same for raw SQL.</summary>
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: audit entries cannot be changed or removed.");
        }
    }
}

public sealed class SqliteOnePlaceDb(DbContextOptions<SqliteOnePlaceDb> options) : OnePlaceDb(options)
{
    /// <summary>A save that is its own transaction waits for the store's other writers in this process first
    /// (<see cref="SqliteWriteGate"/>); one inside a caller's transaction already holds SQLite's write lock or will wait for it there.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        using var turn = await SqliteWriteGate.EnterAsync(Database.GetConnectionString() ?? "", cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

public sealed class PostgresOnePlaceDb(DbContextOptions<PostgresOnePlaceDb> options) : OnePlaceDb(options);
