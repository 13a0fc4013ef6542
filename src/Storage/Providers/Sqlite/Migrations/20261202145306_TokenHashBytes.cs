using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TokenHashBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "hash",
                table: "tokens",
                type: "BLOB",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);

            // The table is rebuilt with the values as they were: the stored hex text becomes the
            // 32 bytes it spells, so tokens minted before keep working.
            migrationBuilder.Sql("UPDATE tokens SET hash = unhex(hash) WHERE typeof(hash) = 'text';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE tokens SET hash = lower(hex(hash)) WHERE typeof(hash) = 'blob';");
            migrationBuilder.AlterColumn<string>(
                name: "hash",
                table: "tokens",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldMaxLength: 32);
        }
    }
}
