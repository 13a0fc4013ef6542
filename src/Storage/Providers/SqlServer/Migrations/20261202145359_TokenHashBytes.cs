using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WfaaS.Storage.Providers.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TokenHashBytes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQL Server converts no text to binary implicitly, and a key column cannot change type:
            // a new column takes the bytes the hex text spells (tokens minted before keep working),
            // then replaces the old one under the key.
            migrationBuilder.Sql("ALTER TABLE [tokens] DROP CONSTRAINT [PK_tokens];");
            migrationBuilder.Sql("ALTER TABLE [tokens] ADD [hash_bytes] varbinary(32) NULL;");
            migrationBuilder.Sql("UPDATE [tokens] SET [hash_bytes] = CONVERT(varbinary(32), CONVERT(varchar(64), [hash]), 2);");
            migrationBuilder.Sql("ALTER TABLE [tokens] DROP COLUMN [hash];");
            migrationBuilder.Sql("EXEC sp_rename N'[tokens].[hash_bytes]', N'hash', N'COLUMN';");
            migrationBuilder.Sql("ALTER TABLE [tokens] ALTER COLUMN [hash] varbinary(32) NOT NULL;");
            migrationBuilder.Sql("ALTER TABLE [tokens] ADD CONSTRAINT [PK_tokens] PRIMARY KEY ([hash]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE [tokens] DROP CONSTRAINT [PK_tokens];");
            migrationBuilder.Sql("ALTER TABLE [tokens] ADD [hash_text] nvarchar(64) NULL;");
            migrationBuilder.Sql("UPDATE [tokens] SET [hash_text] = LOWER(CONVERT(varchar(64), [hash], 2));");
            migrationBuilder.Sql("ALTER TABLE [tokens] DROP COLUMN [hash];");
            migrationBuilder.Sql("EXEC sp_rename N'[tokens].[hash_text]', N'hash', N'COLUMN';");
            migrationBuilder.Sql("ALTER TABLE [tokens] ALTER COLUMN [hash] nvarchar(64) NOT NULL;");
            migrationBuilder.Sql("ALTER TABLE [tokens] ADD CONSTRAINT [PK_tokens] PRIMARY KEY ([hash]);");
        }
    }
}
