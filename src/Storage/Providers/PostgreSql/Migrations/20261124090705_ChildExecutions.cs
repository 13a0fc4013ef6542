using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ChildExecutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "parent_attempt",
                table: "executions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_execution_id",
                table: "executions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "parent_task",
                table: "executions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "parent_attempt",
                table: "executions");

            migrationBuilder.DropColumn(
                name: "parent_execution_id",
                table: "executions");

            migrationBuilder.DropColumn(
                name: "parent_task",
                table: "executions");
        }
    }
}
