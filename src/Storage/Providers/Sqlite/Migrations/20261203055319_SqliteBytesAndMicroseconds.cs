using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SqliteBytesAndMicroseconds : Migration
    {
        private static readonly (string Table, string Column)[] Uuids =
        [
            ("executions", "id"), ("history", "execution_id"), ("outbox", "execution_id"), ("task_instances", "execution_id"),
            ("timers", "execution_id"), ("tokens", "execution_id"),
        ];

        private static readonly (string Table, string Column)[] Times =
        [
            ("executions", "created_at"), ("executions", "updated_at"), ("executions", "finished_at"), ("history", "at"),
            ("outbox", "created_at"), ("outbox", "dispatched_at"), ("timers", "due_at"), ("tokens", "created_at"), ("tokens", "due_at"),
            ("triggers", "created_at"), ("workflow_definitions", "created_at"), ("workflow_definitions", "deleted_at"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "deleted_at",
                table: "workflow_definitions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "workflow_definitions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "triggers",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "execution_id",
                table: "tokens",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "due_at",
                table: "tokens",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "tokens",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "due_at",
                table: "timers",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "execution_id",
                table: "timers",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "execution_id",
                table: "task_instances",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "execution_id",
                table: "outbox",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "dispatched_at",
                table: "outbox",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "outbox",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "at",
                table: "history",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "execution_id",
                table: "history",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "updated_at",
                table: "executions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<byte[]>(
                name: "id",
                table: "executions",
                type: "BLOB",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "finished_at",
                table: "executions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "created_at",
                table: "executions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            // The rebuilt tables hold the old text; each value becomes what SqliteValues stores.
            foreach (var (table, column) in Uuids)
            {
                migrationBuilder.Sql($"UPDATE {table} SET {column} = unhex(replace({column}, '-', '')) WHERE typeof({column}) = 'text';");
            }

            foreach (var (table, column) in Times)
            {
                // EF wrote 'yyyy-MM-dd HH:mm:ss.FFFFFFF'; SQLite's own date functions keep milliseconds only.
                migrationBuilder.Sql(
                    $"UPDATE {table} SET {column} = unixepoch(substr({column}, 1, 19)) * 1000000"
                    + $" + CASE WHEN substr({column}, 20, 1) = '.' THEN CAST(substr(substr({column}, 21) || '000000', 1, 6) AS INTEGER) ELSE 0 END"
                    + $" WHERE typeof({column}) = 'text';");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Uuids)
            {
                migrationBuilder.Sql(
                    $"UPDATE {table} SET {column} = substr(hex({column}), 1, 8) || '-' || substr(hex({column}), 9, 4) || '-' || substr(hex({column}), 13, 4)"
                    + $" || '-' || substr(hex({column}), 17, 4) || '-' || substr(hex({column}), 21) WHERE typeof({column}) = 'blob';");
            }

            foreach (var (table, column) in Times)
            {
                migrationBuilder.Sql(
                    $"UPDATE {table} SET {column} = strftime('%Y-%m-%d %H:%M:%S', {column} / 1000000, 'unixepoch')"
                    + $" || CASE WHEN {column} % 1000000 = 0 THEN '' ELSE rtrim('.' || printf('%06d', {column} % 1000000), '0') END"
                    + $" WHERE typeof({column}) = 'integer';");
            }

            migrationBuilder.AlterColumn<DateTime>(
                name: "deleted_at",
                table: "workflow_definitions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "created_at",
                table: "workflow_definitions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTime>(
                name: "created_at",
                table: "triggers",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<Guid>(
                name: "execution_id",
                table: "tokens",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<DateTime>(
                name: "due_at",
                table: "tokens",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "created_at",
                table: "tokens",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTime>(
                name: "due_at",
                table: "timers",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<Guid>(
                name: "execution_id",
                table: "timers",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<Guid>(
                name: "execution_id",
                table: "task_instances",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<Guid>(
                name: "execution_id",
                table: "outbox",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<DateTime>(
                name: "dispatched_at",
                table: "outbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "created_at",
                table: "outbox",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTime>(
                name: "at",
                table: "history",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<Guid>(
                name: "execution_id",
                table: "history",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<DateTime>(
                name: "updated_at",
                table: "executions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<Guid>(
                name: "id",
                table: "executions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<DateTime>(
                name: "finished_at",
                table: "executions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "created_at",
                table: "executions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }
    }
}
