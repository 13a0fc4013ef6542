using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Executions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "executions",
                columns: table => new
                {
                    number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workflow_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    workflow_version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    row_version = table.Column<int>(type: "INTEGER", nullable: false),
                    input = table.Column<string>(type: "TEXT", nullable: false),
                    output = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    checkpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    stop_at = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    symbols = table.Column<string>(type: "TEXT", nullable: false),
                    checkpoints = table.Column<string>(type: "TEXT", nullable: false),
                    last_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_executions", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: true),
                    cause = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => new { x.execution_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_details",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    result = table.Column<string>(type: "TEXT", nullable: true),
                    error_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    error_message = table.Column<string>(type: "TEXT", nullable: true),
                    error_stack_trace = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    meta = table.Column<string>(type: "TEXT", nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_details", x => new { x.execution_id, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_executions_id",
                table: "executions",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_executions_idempotency_key",
                table: "executions",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_executions_state",
                table: "executions",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_executions_workflow_name_state",
                table: "executions",
                columns: new[] { "workflow_name", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_dispatched_at",
                table: "outbox",
                column: "dispatched_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "executions");

            migrationBuilder.DropTable(
                name: "history");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "task_details");
        }
    }
}
