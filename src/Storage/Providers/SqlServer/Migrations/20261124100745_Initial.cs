using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "executions",
                columns: table => new
                {
                    number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    workflow_name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    workflow_version = table.Column<int>(type: "int", nullable: false),
                    definition_id = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    row_version = table.Column<int>(type: "int", nullable: false),
                    input = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    output = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    checkpoint = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    stop_at = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    revert_to = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    after_revert = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    scope_retries = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    retrying_scope = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    scope_hold = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    runs = table.Column<int>(type: "int", nullable: false),
                    repeat_hold = table.Column<bool>(type: "bit", nullable: false),
                    symbols = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    checkpoints = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    parent_execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    parent_task = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    parent_attempt = table.Column<int>(type: "int", nullable: true),
                    idempotency_key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    request_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    updated_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    finished_at = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_executions", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    subject = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    from_state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    to_state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    attempt = table.Column<int>(type: "int", nullable: true),
                    cause = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    removed = table.Column<int>(type: "int", nullable: true),
                    up_to_seq = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => new { x.execution_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_details",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "int", nullable: false),
                    uuid = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    action = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    attempt = table.Column<int>(type: "int", nullable: false),
                    result = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error_type = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    error_message = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error_stack_trace = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false),
                    meta = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    started_at = table.Column<DateTime>(type: "datetime2", nullable: true),
                    finished_at = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_details", x => new { x.execution_id, x.name });
                });

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

            migrationBuilder.CreateTable(
                name: "tokens",
                columns: table => new
                {
                    hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    nonce = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    execution_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    task = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    attempt = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    accepted_body_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    prompt = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    approvers = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    due_at = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tokens", x => x.hash);
                });

            migrationBuilder.CreateTable(
                name: "triggers",
                columns: table => new
                {
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    workflow = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    input = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    cron = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triggers", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "int", nullable: false),
                    text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    text_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    definition_json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    created_at = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_definitions", x => x.id);
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

            migrationBuilder.CreateIndex(
                name: "IX_outbox_dispatched_at",
                table: "outbox",
                column: "dispatched_at");

            migrationBuilder.CreateIndex(
                name: "IX_timers_execution_id_state",
                table: "timers",
                columns: new[] { "execution_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_timers_state_due_at",
                table: "timers",
                columns: new[] { "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_tokens_execution_id_state",
                table: "tokens",
                columns: new[] { "execution_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_tokens_kind_state_created_at",
                table: "tokens",
                columns: new[] { "kind", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_workflow_definitions_name_version",
                table: "workflow_definitions",
                columns: new[] { "name", "version" },
                unique: true);
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

            migrationBuilder.DropTable(
                name: "timers");

            migrationBuilder.DropTable(
                name: "tokens");

            migrationBuilder.DropTable(
                name: "triggers");

            migrationBuilder.DropTable(
                name: "workflow_definitions");
        }
    }
}
