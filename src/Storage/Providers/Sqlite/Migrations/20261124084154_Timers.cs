using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Timers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "timers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_timers_execution_id_state",
                table: "timers",
                columns: new[] { "execution_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_timers_state_due_at",
                table: "timers",
                columns: new[] { "state", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timers");
        }
    }
}
