using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Rows stay append-only (docs/adr/0004); the one update allowed gives a row that has no hash yet its hash and
            // changes nothing else, so that the rows of a store made before the chain can be chained (docs/adr/0018).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_hash_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF OLD."Hash" IS NULL AND NEW."Hash" IS NOT NULL
                        AND (NEW."Id", NEW."OccurredAtUtc", NEW."Actor", NEW."Action", NEW."PersonId", NEW."Reason", NEW."Detail")
                            IS NOT DISTINCT FROM (OLD."Id", OLD."OccurredAtUtc", OLD."Actor", OLD."Action", OLD."PersonId", OLD."Reason", OLD."Detail") THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'audit_log is append-only';
                END $$;
                """);
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update_delete ON audit_log;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_hash_once();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update ON audit_log;");
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_delete ON audit_log;");
            migrationBuilder.Sql("DROP FUNCTION audit_log_hash_once();");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();");
            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_log");
        }
    }
}
