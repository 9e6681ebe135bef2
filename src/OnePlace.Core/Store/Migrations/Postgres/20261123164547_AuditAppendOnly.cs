using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only (PRODUCT.md G2): the database itself refuses updates, deletes and truncation.
            migrationBuilder.Sql("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_truncate ON audit_log;");
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update_delete ON audit_log;");
            migrationBuilder.Sql("DROP FUNCTION audit_log_append_only();");
        }
    }
}
