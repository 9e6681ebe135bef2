using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseFindingLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ReferralId",
                table: "care_relationships",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "CaseFindingListId",
                table: "care_relationships",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_finding_lists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Criteria = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LocalityCode = table.Column<string>(type: "text", nullable: false),
                    TeamCode = table.Column<string>(type: "text", nullable: false),
                    MeasuresAsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Members = table.Column<int>(type: "integer", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "text", nullable: true),
                    CloseReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_finding_lists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_finding_lists_localities_LocalityCode",
                        column: x => x.LocalityCode,
                        principalTable: "localities",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_finding_lists_teams_TeamCode",
                        column: x => x.TeamCode,
                        principalTable: "teams",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_finding_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Frailty = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EfiDeficits = table.Column<int>(type: "integer", nullable: false),
                    EmergencyAdmissions12Months = table.Column<int>(type: "integer", nullable: false),
                    Segment = table.Column<int>(type: "integer", nullable: false),
                    SegmentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Risk12Months = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_finding_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_finding_members_case_finding_lists_ListId",
                        column: x => x.ListId,
                        principalTable: "case_finding_lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_finding_members_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_relationships_CaseFindingListId",
                table: "care_relationships",
                column: "CaseFindingListId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_care_relationships_one_basis",
                table: "care_relationships",
                sql: "(\"ReferralId\" IS NULL) <> (\"CaseFindingListId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_case_finding_lists_LocalityCode",
                table: "case_finding_lists",
                column: "LocalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_case_finding_lists_TeamCode_CreatedAtUtc",
                table: "case_finding_lists",
                columns: new[] { "TeamCode", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_case_finding_members_ListId_PersonId",
                table: "case_finding_members",
                columns: new[] { "ListId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_finding_members_ListId_Position",
                table: "case_finding_members",
                columns: new[] { "ListId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_case_finding_members_PersonId",
                table: "case_finding_members",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_care_relationships_case_finding_lists_CaseFindingListId",
                table: "care_relationships",
                column: "CaseFindingListId",
                principalTable: "case_finding_lists",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_care_relationships_case_finding_lists_CaseFindingListId",
                table: "care_relationships");

            migrationBuilder.DropTable(
                name: "case_finding_members");

            migrationBuilder.DropTable(
                name: "case_finding_lists");

            migrationBuilder.DropIndex(
                name: "IX_care_relationships_CaseFindingListId",
                table: "care_relationships");

            migrationBuilder.DropCheckConstraint(
                name: "CK_care_relationships_one_basis",
                table: "care_relationships");

            migrationBuilder.DropColumn(
                name: "CaseFindingListId",
                table: "care_relationships");

            migrationBuilder.AlterColumn<Guid>(
                name: "ReferralId",
                table: "care_relationships",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
