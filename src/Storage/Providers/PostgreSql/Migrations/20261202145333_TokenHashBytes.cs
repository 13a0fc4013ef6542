using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TokenHashBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The stored hex text becomes the 32 bytes it spells, so tokens minted before keep working.
            migrationBuilder.Sql("ALTER TABLE tokens ALTER COLUMN hash TYPE bytea USING decode(hash, 'hex');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE tokens ALTER COLUMN hash TYPE character varying(64) USING encode(hash, 'hex');");
        }
    }
}
