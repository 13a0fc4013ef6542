using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// Writes a step's history rows as one multi-row INSERT: EF sends one statement per row (SQLite
/// cannot batch), and a linear flow of ten tasks writes twenty-odd history rows in its one step.
/// Values are rendered by EF's own type mappings (value converters included), so the rows are
/// exactly what EF itself would have written, on every provider.
/// </summary>
internal static class HistoryInserts
{
    private const int RowsPerStatement = 400;

    public static async Task InsertAsync(WfaasDbContext db, IReadOnlyList<HistoryEntity> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(HistoryEntity))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().ToList();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName())));
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var statement = new StringBuilder($"INSERT INTO {table} ({columnList}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                statement.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = columns[c].PropertyInfo!.GetValue(chunk[i]);
                    statement.Append(c == 0 ? string.Empty : ", ")
                        .Append(value is null ? "NULL" : columns[c].GetRelationalTypeMapping().GenerateSqlLiteral(value));
                }

                statement.Append(')');
            }

#pragma warning disable EF1002 // Every value is a literal rendered by EF's type mapping, never raw input.
            await db.Database.ExecuteSqlRawAsync(statement.ToString(), cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        }
    }
}
