using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PooledFundLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pooled_fund_agreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HostPartnerCode = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    YearCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskShareRule = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RiskShareCapGbp = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    CapBearerCode = table.Column<string>(type: "TEXT", nullable: true),
                    CapAppliesToUnderspend = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pooled_fund_agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pooled_fund_agreements_organisations_CapBearerCode",
                        column: x => x.CapBearerCode,
                        principalTable: "organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pooled_fund_agreements_organisations_HostPartnerCode",
                        column: x => x.HostPartnerCode,
                        principalTable: "organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pooled_fund_partners",
                columns: table => new
                {
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pooled_fund_partners", x => new { x.AgreementId, x.OrganisationCode });
                    table.ForeignKey(
                        name: "FK_pooled_fund_partners_organisations_OrganisationCode",
                        column: x => x.OrganisationCode,
                        principalTable: "organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pooled_fund_partners_pooled_fund_agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "pooled_fund_agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pooled_fund_schemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InScope = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommissionerCode = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceArea = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pooled_fund_schemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pooled_fund_schemes_organisations_CommissionerCode",
                        column: x => x.CommissionerCode,
                        principalTable: "organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pooled_fund_schemes_pooled_fund_agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "pooled_fund_agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pooled_fund_contributions",
                columns: table => new
                {
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationCode = table.Column<string>(type: "TEXT", nullable: false),
                    FinancialYear = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pooled_fund_contributions", x => new { x.AgreementId, x.OrganisationCode, x.FinancialYear });
                    table.ForeignKey(
                        name: "FK_pooled_fund_contributions_pooled_fund_partners_AgreementId_OrganisationCode",
                        columns: x => new { x.AgreementId, x.OrganisationCode },
                        principalTable: "pooled_fund_partners",
                        principalColumns: new[] { "AgreementId", "OrganisationCode" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scheme_actuals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheme_actuals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scheme_actuals_organisations_PartnerCode",
                        column: x => x.PartnerCode,
                        principalTable: "organisations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_scheme_actuals_pooled_fund_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "pooled_fund_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scheme_budgets",
                columns: table => new
                {
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    FinancialYear = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheme_budgets", x => new { x.SchemeId, x.FinancialYear });
                    table.ForeignKey(
                        name: "FK_scheme_budgets_pooled_fund_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "pooled_fund_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pooled_fund_agreements_CapBearerCode",
                table: "pooled_fund_agreements",
                column: "CapBearerCode");

            migrationBuilder.CreateIndex(
                name: "IX_pooled_fund_agreements_HostPartnerCode",
                table: "pooled_fund_agreements",
                column: "HostPartnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_pooled_fund_partners_OrganisationCode",
                table: "pooled_fund_partners",
                column: "OrganisationCode");

            migrationBuilder.CreateIndex(
                name: "IX_pooled_fund_schemes_AgreementId_Code",
                table: "pooled_fund_schemes",
                columns: new[] { "AgreementId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pooled_fund_schemes_CommissionerCode",
                table: "pooled_fund_schemes",
                column: "CommissionerCode");

            migrationBuilder.CreateIndex(
                name: "IX_scheme_actuals_PartnerCode",
                table: "scheme_actuals",
                column: "PartnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_scheme_actuals_SchemeId_Month",
                table: "scheme_actuals",
                columns: new[] { "SchemeId", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pooled_fund_contributions");

            migrationBuilder.DropTable(
                name: "scheme_actuals");

            migrationBuilder.DropTable(
                name: "scheme_budgets");

            migrationBuilder.DropTable(
                name: "pooled_fund_partners");

            migrationBuilder.DropTable(
                name: "pooled_fund_schemes");

            migrationBuilder.DropTable(
                name: "pooled_fund_agreements");
        }
    }
}
