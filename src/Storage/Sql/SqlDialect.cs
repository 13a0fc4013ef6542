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

    /// <summary>INSERT …, or the row with the same key updated: <c>ON CONFLICT … DO UPDATE</c>, or on SQL Server a MERGE.</summary>
    public string Upsert(string table, IReadOnlyList<string> columns, string values, IReadOnlyList<string> keys, IReadOnlyList<string> updated)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(updated);
        var list = string.Join(", ", columns);
        if (provider != StorageProvider.SqlServer)
        {
            return $"INSERT INTO {table} ({list}) VALUES ({values}){OnConflictUpdate(keys, updated)}";
        }

        return $"MERGE INTO {table} AS target USING (VALUES ({values})) AS source ({list}) "
            + $"ON {string.Join(" AND ", keys.Select(k => $"target.{k} = source.{k}"))} "
            + $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", updated.Select(c => $"{c} = source.{c}"))} "
            + $"WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({string.Join(", ", columns.Select(c => $"source.{c}"))});";
    }

    /// <summary>SQLite and PostgreSQL: the clause that turns an INSERT into an upsert.</summary>
    public static string OnConflictUpdate(IReadOnlyList<string> keys, IReadOnlyList<string> updated)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(updated);
        return $" ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", updated.Select(c => $"{c} = excluded.{c}"))}";
    }

    /// <summary>
    /// The step lost a race and may run again on a fresh read: a concurrent step or start got there
    /// first (a unique key), or the server chose this transaction as a deadlock's victim and rolled
    /// it back (PostgreSQL 40P01, SQL Server 1205).
    /// </summary>
    public static bool IsLostRace(DbException exception) => IsUniqueViolation(exception) || exception switch
    {
        Npgsql.PostgresException e => e.SqlState == "40P01",
        Microsoft.Data.SqlClient.SqlException e => e.Number == 1205,
        _ => false,
    };

    /// <summary>A unique or primary key was violated: on our tables, a concurrent step or start got there first.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 1555 or 2067,
        Npgsql.PostgresException e => e.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };
}
