using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "equality_impact_assessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Proposal = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DueBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DecisionRationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedOffAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RaisedBecause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equality_impact_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programmes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InherentLikelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    InherentImpact = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentLikelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentImpact = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetLikelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetImpact = table.Column<int>(type: "INTEGER", nullable: false),
                    Controls = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewEveryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risks", x => x.Id);
                    table.CheckConstraint("CK_risks_CurrentImpact", "\"CurrentImpact\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_risks_CurrentLikelihood", "\"CurrentLikelihood\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_risks_InherentImpact", "\"InherentImpact\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_risks_InherentLikelihood", "\"InherentLikelihood\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_risks_TargetImpact", "\"TargetImpact\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_risks_TargetLikelihood", "\"TargetLikelihood\" BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "eqia_characteristics",
                columns: table => new
                {
                    EqiaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Characteristic = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Mitigation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eqia_characteristics", x => new { x.EqiaId, x.Characteristic });
                    table.ForeignKey(
                        name: "FK_eqia_characteristics_equality_impact_assessments_EqiaId",
                        column: x => x.EqiaId,
                        principalTable: "equality_impact_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eqia_evidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EqiaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eqia_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eqia_evidence_equality_impact_assessments_EqiaId",
                        column: x => x.EqiaId,
                        principalTable: "equality_impact_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "benefits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IndicatorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Baseline = table.Column<double>(type: "REAL", nullable: false),
                    BaselineDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_benefits_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programme_phases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_phases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programme_phases_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_actions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_actions_risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_indicators",
                columns: table => new
                {
                    RiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_indicators", x => new { x.RiskId, x.IndicatorId });
                    table.ForeignKey(
                        name: "FK_risk_indicators_risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RiskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_revisions_risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "milestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PhaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_milestones_programme_phases_PhaseId",
                        column: x => x.PhaseId,
                        principalTable: "programme_phases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefits_ProgrammeId",
                table: "benefits",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_eqia_evidence_EqiaId",
                table: "eqia_evidence",
                column: "EqiaId");

            migrationBuilder.CreateIndex(
                name: "IX_equality_impact_assessments_Reference",
                table: "equality_impact_assessments",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_equality_impact_assessments_SubjectKind_Subject",
                table: "equality_impact_assessments",
                columns: new[] { "SubjectKind", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_milestones_PhaseId",
                table: "milestones",
                column: "PhaseId");

            migrationBuilder.CreateIndex(
                name: "IX_programme_phases_ProgrammeId_Order",
                table: "programme_phases",
                columns: new[] { "ProgrammeId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_actions_RiskId",
                table: "risk_actions",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_revisions_RiskId_Number",
                table: "risk_revisions",
                columns: new[] { "RiskId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risks_Reference",
                table: "risks",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risks_Status_NextReviewDue",
                table: "risks",
                columns: new[] { "Status", "NextReviewDue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefits");

            migrationBuilder.DropTable(
                name: "eqia_characteristics");

            migrationBuilder.DropTable(
                name: "eqia_evidence");

            migrationBuilder.DropTable(
                name: "milestones");

            migrationBuilder.DropTable(
                name: "risk_actions");

            migrationBuilder.DropTable(
                name: "risk_indicators");

            migrationBuilder.DropTable(
                name: "risk_revisions");

            migrationBuilder.DropTable(
                name: "equality_impact_assessments");

            migrationBuilder.DropTable(
                name: "programme_phases");

            migrationBuilder.DropTable(
                name: "risks");

            migrationBuilder.DropTable(
                name: "programmes");
        }
    }
}
