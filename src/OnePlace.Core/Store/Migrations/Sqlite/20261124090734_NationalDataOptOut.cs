using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnePlace.Core.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NationalDataOptOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "national_data_opt_out_checks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    NhsNumbers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_national_data_opt_out_checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "national_data_opt_outs",
                columns: table => new
                {
                    NhsNumber = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_national_data_opt_outs", x => x.NhsNumber);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "national_data_opt_out_checks");

            migrationBuilder.DropTable(
                name: "national_data_opt_outs");
        }
    }
}
