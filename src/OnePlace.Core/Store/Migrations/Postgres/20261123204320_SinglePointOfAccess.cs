using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SinglePointOfAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Capacity",
                table: "teams",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<long>(
                name: "ImportedFileId",
                table: "source_records",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "ClosesAt",
                table: "services",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<string>(
                name: "Eligibility",
                table: "services",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "MaximumAge",
                table: "services",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumAge",
                table: "services",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "OpenAtWeekends",
                table: "services",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "OpensAt",
                table: "services",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<string>(
                name: "TeamCode",
                table: "AspNetUsers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Organisation = table.Column<string>(type: "text", nullable: false),
                    SecretHash = table.Column<string>(type: "text", nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_clients", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SenderIdentifier = table.Column<string>(type: "text", nullable: true),
                    SubmittedBy = table.Column<string>(type: "text", nullable: false),
                    CorrelationId = table.Column<string>(type: "text", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonMatch = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceRecordId = table.Column<long>(type: "bigint", nullable: false),
                    ReferrerName = table.Column<string>(type: "text", nullable: false),
                    ReferrerOrganisation = table.Column<string>(type: "text", nullable: false),
                    ReferrerContact = table.Column<string>(type: "text", nullable: true),
                    Need = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Setting = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PersonConsented = table.Column<bool>(type: "boolean", nullable: false),
                    AgeAtReferral = table.Column<int>(type: "integer", nullable: true),
                    LocalityCode = table.Column<string>(type: "text", nullable: true),
                    ImdDecile = table.Column<int>(type: "integer", nullable: true),
                    Urgency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ServiceCode = table.Column<string>(type: "text", nullable: true),
                    TriageVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TriageRule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TriageReason = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TeamCode = table.Column<string>(type: "text", nullable: true),
                    QueueReason = table.Column<string>(type: "text", nullable: true),
                    HandoverTeamCode = table.Column<string>(type: "text", nullable: true),
                    Practitioner = table.Column<string>(type: "text", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstContactAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    OutcomeNote = table.Column<string>(type: "text", nullable: true),
                    ClockStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClockStoppedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClockPausedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PauseReason = table.Column<string>(type: "text", nullable: true),
                    ClockPausedSeconds = table.Column<double>(type: "double precision", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BreachedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referrals_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_source_records_SourceRecordId",
                        column: x => x.SourceRecordId,
                        principalTable: "source_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_teams_TeamCode",
                        column: x => x.TeamCode,
                        principalTable: "teams",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_plans_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_relationships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamCode = table.Column<string>(type: "text", nullable: true),
                    StaffUserName = table.Column<string>(type: "text", nullable: true),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_relationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_relationships_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "episodes_of_care",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamCode = table.Column<string>(type: "text", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_episodes_of_care", x => x.Id);
                    table.ForeignKey(
                        name: "FK_episodes_of_care_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referral_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    FromStatus = table.Column<string>(type: "text", nullable: true),
                    ToStatus = table.Column<string>(type: "text", nullable: false),
                    TeamCode = table.Column<string>(type: "text", nullable: true),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referral_events_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_goals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CarePlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_goals_care_plans_CarePlanId",
                        column: x => x.CarePlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CarePlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    AssignedTeamCode = table.Column<string>(type: "text", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_tasks_care_plans_CarePlanId",
                        column: x => x.CarePlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_care_tasks_teams_AssignedTeamCode",
                        column: x => x.AssignedTeamCode,
                        principalTable: "teams",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_goals_CarePlanId",
                table: "care_goals",
                column: "CarePlanId");

            migrationBuilder.CreateIndex(
                name: "IX_care_plans_ReferralId",
                table: "care_plans",
                column: "ReferralId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_care_relationships_PersonId_EndedAtUtc",
                table: "care_relationships",
                columns: new[] { "PersonId", "EndedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_care_relationships_ReferralId",
                table: "care_relationships",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_care_tasks_AssignedTeamCode_Status",
                table: "care_tasks",
                columns: new[] { "AssignedTeamCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_care_tasks_CarePlanId",
                table: "care_tasks",
                column: "CarePlanId");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_of_care_PersonId",
                table: "episodes_of_care",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_episodes_of_care_ReferralId",
                table: "episodes_of_care",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_referral_events_Kind_OccurredAtUtc",
                table: "referral_events",
                columns: new[] { "Kind", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_referral_events_ReferralId_Id",
                table: "referral_events",
                columns: new[] { "ReferralId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_HandoverTeamCode_Status",
                table: "referrals",
                columns: new[] { "HandoverTeamCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_PersonId",
                table: "referrals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_ReceivedAtUtc",
                table: "referrals",
                column: "ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Reference",
                table: "referrals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_referrals_SourceRecordId",
                table: "referrals",
                column: "SourceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_Status_DueAtUtc",
                table: "referrals",
                columns: new[] { "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_SubmittedBy_SenderIdentifier",
                table: "referrals",
                columns: new[] { "SubmittedBy", "SenderIdentifier" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_TeamCode_Status_DueAtUtc",
                table: "referrals",
                columns: new[] { "TeamCode", "Status", "DueAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "care_goals");

            migrationBuilder.DropTable(
                name: "care_relationships");

            migrationBuilder.DropTable(
                name: "care_tasks");

            migrationBuilder.DropTable(
                name: "episodes_of_care");

            migrationBuilder.DropTable(
                name: "referral_events");

            migrationBuilder.DropTable(
                name: "care_plans");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropColumn(
                name: "Capacity",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "services");

            migrationBuilder.DropColumn(
                name: "Eligibility",
                table: "services");

            migrationBuilder.DropColumn(
                name: "MaximumAge",
                table: "services");

            migrationBuilder.DropColumn(
                name: "MinimumAge",
                table: "services");

            migrationBuilder.DropColumn(
                name: "OpenAtWeekends",
                table: "services");

            migrationBuilder.DropColumn(
                name: "OpensAt",
                table: "services");

            migrationBuilder.DropColumn(
                name: "TeamCode",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<long>(
                name: "ImportedFileId",
                table: "source_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
