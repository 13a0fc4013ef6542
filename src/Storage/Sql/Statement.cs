using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>One SQL statement of a step's write, with its values typed by EF's own mappings.</summary>
/// <param name="Sql">The text; the same shape always has the same text, so a prepared command can be reused.</param>
/// <param name="Values">Parameter values in order (<c>@p0</c>, <c>@p1</c>, …).</param>
public sealed record Statement(string Sql, IReadOnlyList<StatementValue> Values)
{
    /// <summary>
    /// The step's check (its execution row, by row version or by unique key): the step is written
    /// only if this statement writes exactly one row; otherwise it lost a race and nothing of it is kept.
    /// </summary>
    public bool IsCheck { get; init; }

    /// <summary>Set on an INSERT that returns its generated key.</summary>
    public Action<long>? KeyReceived { get; init; }

    /// <summary>For an INSERT: its parts, so a writer can make it conditional (<see cref="PostgresStepWriter"/>).</summary>
    public InsertParts? Insert { get; init; }

    /// <summary>Makes <paramref name="command"/> run this statement.</summary>
    public void Bind(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText == Sql && command.Parameters.Count == Values.Count)
        {
            // A kept command of this text (the SQLite writer's): the same columns in the same
            // order, so its parameters, typed by EF the first time, take the new values.
            for (var i = 0; i < Values.Count; i++)
            {
                command.Parameters[i].Value = Values[i].ProviderValue;
            }

            return;
        }

        command.CommandText = Sql;
        command.Parameters.Clear();
        for (var i = 0; i < Values.Count; i++)
        {
            var (mapping, value) = Values[i];
            command.Parameters.Add(mapping.CreateParameter(command, RowSql.Parameter(i), value));
        }
    }
}

/// <summary>A parameter value with the type mapping (and value converter) of its column.</summary>
public readonly record struct StatementValue(RelationalTypeMapping Mapping, object? Value)
{
    /// <summary>The value as <see cref="RelationalTypeMapping.CreateParameter"/> gives it to the provider: converted, null as <see cref="DBNull"/>.</summary>
    public object ProviderValue => (Mapping.Converter is { } converter ? converter.ConvertToProvider(Value) : Value) ?? DBNull.Value;
}

/// <summary>
/// An INSERT as <c>{Head} VALUES ({Values}){OnConflict}</c>: the key column it returns, if any, and
/// for an upsert the clause that updates the row it finds instead.
/// </summary>
public sealed record InsertParts(string Head, string Values, string? Returning, string? OnConflict = null);
