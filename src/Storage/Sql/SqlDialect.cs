using System.Data.Common;

namespace WfaaS.Storage.Sql;

/// <summary>What differs between the three providers in the statements we write by hand.</summary>
public sealed class SqlDialect(StorageProvider provider)
{
    public StorageProvider Provider => provider;

    /// <summary>INSERT … that hands back the generated key of <paramref name="keyColumn"/>.</summary>
    public string InsertReturning(string table, string columns, string values, string keyColumn) => provider == StorageProvider.SqlServer
        ? $"INSERT INTO {table} ({columns}) OUTPUT INSERTED.{keyColumn} VALUES ({values})"
        : $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {keyColumn}";

    /// <summary>
    /// PostgreSQL, for a batch run as one implicit transaction: a statement that expects a row
    /// count raises (division by zero) when it touches another, so the whole batch is undone, as
    /// a unique key violation would undo it. Other statements, and other databases, are unchanged.
    /// </summary>
    public Statement Checked(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return provider == StorageProvider.PostgreSql && statement.ExpectedRows is { } expected
            ? statement with
            {
                Sql = $"WITH checked AS ({statement.Sql} RETURNING 1) SELECT 1 / CASE WHEN (SELECT count(*) FROM checked) = {expected} THEN 1 ELSE 0 END",
                ExpectedRows = null,
                YieldsRow = true,
            }
            : statement;
    }

    /// <summary>A check made by <see cref="Checked"/> failed: the step lost its race.</summary>
    public static bool IsFailedCheck(DbException exception) => exception is Npgsql.PostgresException { SqlState: "22012" };

    /// <summary>A unique or primary key was violated: on our tables, a concurrent step or start got there first.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 1555 or 2067,
        Npgsql.PostgresException e => e.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };
}
