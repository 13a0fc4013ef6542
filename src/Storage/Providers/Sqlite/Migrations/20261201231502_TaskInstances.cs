using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaskInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "task_instances",
                columns: table => new
                {
                    execution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_instances", x => new { x.execution_id, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_task_instances_execution_id_item_index",
                table: "task_instances",
                columns: new[] { "execution_id", "item", "index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_instances");
        }
    }
}
