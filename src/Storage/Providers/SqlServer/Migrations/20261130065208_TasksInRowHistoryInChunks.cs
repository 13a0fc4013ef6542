using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TasksInRowHistoryInChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Executions stored by the previous layout (a row per task, a row per history entry)
            // cannot be read by this one, and nothing was deployed with it: they are dropped, not converted.
            foreach (var table in new[] { "outbox", "timers", "tokens", "history", "executions" })
            {
                migrationBuilder.Sql($"DELETE FROM {table};");
            }

            migrationBuilder.DropTable(
                name: "task_details");

            migrationBuilder.DropIndex(
                name: "IX_tokens_execution_id_state",
                table: "tokens");

            migrationBuilder.DropIndex(
                name: "IX_tokens_kind_state_created_at",
                table: "tokens");

            migrationBuilder.DropIndex(
                name: "IX_timers_execution_id_state",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_timers_state_due_at",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_outbox_dispatched_at",
                table: "outbox");

            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.DropIndex(
                name: "IX_executions_idempotency_key",
                table: "executions");

            migrationBuilder.DropIndex(
                name: "IX_executions_state",
                table: "executions");

            migrationBuilder.DropIndex(
                name: "IX_executions_workflow_name_state",
                table: "executions");

            migrationBuilder.DropColumn(
                name: "attempt",
                table: "history");

            migrationBuilder.DropColumn(
                name: "cause",
                table: "history");

            migrationBuilder.DropColumn(
                name: "from_state",
                table: "history");

            migrationBuilder.DropColumn(
                name: "name",
                table: "history");

            migrationBuilder.DropColumn(
                name: "removed",
                table: "history");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "history");

            migrationBuilder.DropColumn(
                name: "to_state",
                table: "history");

            migrationBuilder.DropColumn(
                name: "up_to_seq",
                table: "history");

            migrationBuilder.RenameColumn(
                name: "seq",
                table: "history",
                newName: "last_seq");

            migrationBuilder.AddColumn<long>(
                name: "first_seq",
                table: "history",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "entries",
                table: "history",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tasks",
                table: "executions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                columns: new[] { "execution_id", "first_seq" });

            migrationBuilder.CreateIndex(
                name: "IX_tokens_execution_id",
                table: "tokens",
                column: "execution_id");

            migrationBuilder.CreateIndex(
                name: "IX_tokens_pending_approvals",
                table: "tokens",
                column: "created_at",
                filter: "kind = 'APPROVAL' AND state = 'ACTIVE'");

            migrationBuilder.CreateIndex(
                name: "IX_timers_execution_id",
                table: "timers",
                column: "execution_id");

            migrationBuilder.CreateIndex(
                name: "IX_timers_pending",
                table: "timers",
                column: "due_at",
                filter: "state = 'PENDING'");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_undispatched",
                table: "outbox",
                column: "id",
                filter: "dispatched_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_executions_idempotency_key",
                table: "executions",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_executions_unfinished",
                table: "executions",
                columns: new[] { "workflow_name", "state" },
                filter: "state IN ('RUNNING', 'PAUSED', 'REVERTING')");

            migrationBuilder.CreateIndex(
                name: "IX_executions_workflow_name",
                table: "executions",
                column: "workflow_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tokens_execution_id",
                table: "tokens");

            migrationBuilder.DropIndex(
                name: "IX_tokens_pending_approvals",
                table: "tokens");

            migrationBuilder.DropIndex(
                name: "IX_timers_execution_id",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_timers_pending",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_outbox_undispatched",
                table: "outbox");

            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.DropIndex(
                name: "IX_executions_idempotency_key",
                table: "executions");

            migrationBuilder.DropIndex(
                name: "IX_executions_unfinished",
                table: "executions");

            migrationBuilder.DropIndex(
                name: "IX_executions_workflow_name",
                table: "executions");

            migrationBuilder.DropColumn(
                name: "first_seq",
                table: "history");

            migrationBuilder.DropColumn(
                name: "entries",
                table: "history");

            migrationBuilder.DropColumn(
                name: "tasks",
                table: "executions");

            migrationBuilder.RenameColumn(
                name: "last_seq",
                table: "history",
                newName: "seq");

            migrationBuilder.AddColumn<int>(
                name: "attempt",
                table: "history",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cause",
                table: "history",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "from_state",
                table: "history",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name",
                table: "history",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "removed",
                table: "history",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "history",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "to_state",
                table: "history",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "up_to_seq",
                table: "history",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                columns: new[] { "execution_id", "seq" });

            migrationBuilder.CreateTable(
                name: "task_details",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    attempt = table.Column<int>(type: "int", nullable: false),
                    error_message = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error_stack_trace = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error_type = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    finished_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    meta = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    position = table.Column<int>(type: "int", nullable: false),
                    result = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    started_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    uuid = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_details", x => new { x.execution_id, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_tokens_execution_id_state",
                table: "tokens",
                columns: new[] { "execution_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_tokens_kind_state_created_at",
                table: "tokens",
                columns: new[] { "kind", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_timers_execution_id_state",
                table: "timers",
                columns: new[] { "execution_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_timers_state_due_at",
                table: "timers",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_dispatched_at",
                table: "outbox",
                column: "dispatched_at");

            migrationBuilder.CreateIndex(
                name: "IX_executions_idempotency_key",
                table: "executions",
                column: "idempotency_key",
                unique: true,
                filter: "[idempotency_key] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_executions_state",
                table: "executions",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_executions_workflow_name_state",
                table: "executions",
                columns: new[] { "workflow_name", "state" });
        }
    }
}
