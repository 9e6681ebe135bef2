using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    HostPartnerCode = table.Column<string>(type: "text", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    FirstYear = table.Column<int>(type: "integer", nullable: false),
                    YearCount = table.Column<int>(type: "integer", nullable: false),
                    RiskShareRule = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RiskShareCapGbp = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    CapBearerCode = table.Column<string>(type: "text", nullable: true),
                    CapAppliesToUnderspend = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
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
                    AgreementId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationCode = table.Column<string>(type: "text", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgreementId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InScope = table.Column<bool>(type: "boolean", nullable: false),
                    CommissionerCode = table.Column<string>(type: "text", nullable: false),
                    ServiceArea = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    AgreementId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationCode = table.Column<string>(type: "text", nullable: false),
                    FinancialYear = table.Column<int>(type: "integer", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pooled_fund_contributions", x => new { x.AgreementId, x.OrganisationCode, x.FinancialYear });
                    table.ForeignKey(
                        name: "FK_pooled_fund_contributions_pooled_fund_partners_AgreementId_~",
                        columns: x => new { x.AgreementId, x.OrganisationCode },
                        principalTable: "pooled_fund_partners",
                        principalColumns: new[] { "AgreementId", "OrganisationCode" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scheme_actuals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    FinancialYear = table.Column<int>(type: "integer", nullable: false),
                    AmountGbp = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Profile = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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
