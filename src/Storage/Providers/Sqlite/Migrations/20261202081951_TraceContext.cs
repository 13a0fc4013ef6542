using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "timers",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "outbox",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "executions",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_tokens_active",
                table: "tokens",
                columns: new[] { "kind", "execution_id" },
                filter: "state = 'ACTIVE'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tokens_active",
                table: "tokens");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "executions");
        }
    }
}
