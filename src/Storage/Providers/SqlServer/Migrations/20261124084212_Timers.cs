using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.SqlServer.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    task = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    attempt = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    due_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
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
