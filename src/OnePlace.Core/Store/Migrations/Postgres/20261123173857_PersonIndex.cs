using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LinkExplanation",
                table: "source_records",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkMethod",
                table: "source_records",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "LinkProbability",
                table: "source_records",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkedAtUtc",
                table: "source_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkedToRecordId",
                table: "source_records",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "people",
                type: "uuid",
                nullable: true);

            // Records already joined to a person were joined on their NHS number (ADR 0003): say so, as new joins do.
            migrationBuilder.Sql(
                "UPDATE source_records SET \"LinkMethod\" = 'nhs_number', " +
                "\"LinkedAtUtc\" = (SELECT f.\"ImportedAtUtc\" FROM imported_files f WHERE f.\"Id\" = source_records.\"ImportedFileId\") " +
                "WHERE \"PersonId\" IS NOT NULL AND \"NhsNumber\" IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "link_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordIdA = table.Column<long>(type: "bigint", nullable: false),
                    RecordIdB = table.Column<long>(type: "bigint", nullable: false),
                    IsMatch = table.Column<bool>(type: "boolean", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_decisions_source_records_RecordIdA",
                        column: x => x.RecordIdA,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_link_decisions_source_records_RecordIdB",
                        column: x => x.RecordIdB,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "link_review_pairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordIdA = table.Column<long>(type: "bigint", nullable: false),
                    RecordIdB = table.Column<long>(type: "bigint", nullable: false),
                    Probability = table.Column<double>(type: "double precision", nullable: false),
                    MatchWeight = table.Column<double>(type: "double precision", nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    FoundAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_review_pairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_review_pairs_source_records_RecordIdA",
                        column: x => x.RecordIdA,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_link_review_pairs_source_records_RecordIdB",
                        column: x => x.RecordIdB,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurvivorId = table.Column<Guid>(type: "uuid", nullable: false),
                    MergedId = table.Column<Guid>(type: "uuid", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    MergedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    LinkDecisionId = table.Column<long>(type: "bigint", nullable: true),
                    SurvivorBefore = table.Column<string>(type: "text", nullable: false),
                    MergedBefore = table.Column<string>(type: "text", nullable: false),
                    UndoneBy = table.Column<string>(type: "text", nullable: true),
                    UndoneAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UndoReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_merges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_person_merges_link_decisions_LinkDecisionId",
                        column: x => x.LinkDecisionId,
                        principalTable: "link_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_merges_people_MergedId",
                        column: x => x.MergedId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_merges_people_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_merge_records",
                columns: table => new
                {
                    MergeId = table.Column<long>(type: "bigint", nullable: false),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_merge_records", x => new { x.MergeId, x.SourceRecordId });
                    table.ForeignKey(
                        name: "FK_person_merge_records_person_merges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "person_merges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_merge_records_source_records_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_people_MergedIntoId",
                table: "people",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_link_decisions_RecordIdA_RecordIdB",
                table: "link_decisions",
                columns: new[] { "RecordIdA", "RecordIdB" });

            migrationBuilder.CreateIndex(
                name: "IX_link_decisions_RecordIdB",
                table: "link_decisions",
                column: "RecordIdB");

            migrationBuilder.CreateIndex(
                name: "IX_link_review_pairs_RecordIdA_RecordIdB",
                table: "link_review_pairs",
                columns: new[] { "RecordIdA", "RecordIdB" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_link_review_pairs_RecordIdB",
                table: "link_review_pairs",
                column: "RecordIdB");

            migrationBuilder.CreateIndex(
                name: "IX_person_merge_records_SourceRecordId",
                table: "person_merge_records",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_LinkDecisionId",
                table: "person_merges",
                column: "LinkDecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_MergedAtUtc",
                table: "person_merges",
                column: "MergedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_MergedId",
                table: "person_merges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_SurvivorId",
                table: "person_merges",
                column: "SurvivorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "link_review_pairs");

            migrationBuilder.DropTable(
                name: "person_merge_records");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "link_decisions");

            migrationBuilder.DropIndex(
                name: "IX_people_MergedIntoId",
                table: "people");

            migrationBuilder.DropColumn(
                name: "LinkExplanation",
                table: "source_records");

            migrationBuilder.DropColumn(
                name: "LinkMethod",
                table: "source_records");

            migrationBuilder.DropColumn(
                name: "LinkProbability",
                table: "source_records");

            migrationBuilder.DropColumn(
                name: "LinkedAtUtc",
                table: "source_records");

            migrationBuilder.DropColumn(
                name: "LinkedToRecordId",
                table: "source_records");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "people");
        }
    }
}
