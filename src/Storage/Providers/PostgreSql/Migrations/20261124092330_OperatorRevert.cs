using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OperatorRevert : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "after_revert",
                table: "executions",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revert_to",
                table: "executions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "after_revert",
                table: "executions");

            migrationBuilder.DropColumn(
                name: "revert_to",
                table: "executions");
        }
    }
}
