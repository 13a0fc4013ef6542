using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
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
                    number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workflow_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    workflow_version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_id = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    row_version = table.Column<int>(type: "INTEGER", nullable: false),
                    input = table.Column<string>(type: "TEXT", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
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
                    first_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    entries = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => new { x.execution_id, x.first_seq });
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
                name: "timers",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    serial = table.Column<long>(type: "INTEGER", nullable: false),
                    task = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timers", x => new { x.execution_id, x.serial });
                });

            migrationBuilder.CreateTable(
                name: "tokens",
                columns: table => new
                {
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    nonce = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    accepted_body_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    prompt = table.Column<string>(type: "TEXT", nullable: true),
                    approvers = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tokens", x => x.hash);
                });

            migrationBuilder.CreateTable(
                name: "triggers",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    workflow = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    input = table.Column<string>(type: "TEXT", nullable: false),
                    cron = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triggers", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    text_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_outbox_undispatched",
                table: "outbox",
                column: "id",
                filter: "dispatched_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_timers_due_at",
                table: "timers",
                column: "due_at");

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
