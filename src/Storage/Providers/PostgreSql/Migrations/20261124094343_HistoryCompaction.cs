using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class HistoryCompaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "removed",
                table: "history",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "up_to_seq",
                table: "history",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "removed",
                table: "history");

            migrationBuilder.DropColumn(
                name: "up_to_seq",
                table: "history");
        }
    }
}
