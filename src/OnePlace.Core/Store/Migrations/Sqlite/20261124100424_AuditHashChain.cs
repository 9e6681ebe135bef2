using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit_log",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Rows stay append-only (docs/adr/0004); the one update allowed gives a row that has no hash yet its hash and
            // changes nothing else, so that the rows of a store made before the chain can be chained (docs/adr/0018).
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                WHEN NOT (OLD."Hash" IS NULL AND NEW."Hash" IS NOT NULL AND NEW."Id" = OLD."Id" AND NEW."OccurredAtUtc" IS OLD."OccurredAtUtc"
                    AND NEW."Actor" IS OLD."Actor" AND NEW."Action" IS OLD."Action" AND NEW."PersonId" IS OLD."PersonId"
                    AND NEW."Reason" IS OLD."Reason" AND NEW."Detail" IS OLD."Detail")
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_log");
        }
    }
}
