using System.Data.Common;

namespace WfaaS.Storage.Sql;

/// <summary>What differs between the three providers in the statements we write by hand.</summary>
public sealed class SqlDialect(StorageProvider provider)
{
    public StorageProvider Provider => provider;

    /// <summary>INSERT … that hands back the generated key.</summary>
    public string InsertReturning(InsertParts insert)
    {
        ArgumentNullException.ThrowIfNull(insert);
        return provider == StorageProvider.SqlServer
            ? insert.Head + $" OUTPUT INSERTED.{insert.Returning} VALUES ({insert.Values})"
            : $"{insert.Head} VALUES ({insert.Values}) RETURNING {insert.Returning}";
    }

    /// <summary>A unique or primary key was violated: on our tables, a concurrent step or start got there first.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 1555 or 2067,
        Npgsql.PostgresException e => e.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };
}
