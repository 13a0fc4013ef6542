using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>
/// PostgreSQL and SQL Server: each step commits in its own transaction on the request's
/// connection; concurrent commits share the server's log flushes, and row versions serialise
/// steps of one execution. On PostgreSQL a step's statements go in one round trip (SQL Server's
/// batching is not used: it cannot be tested here).
/// </summary>
public sealed class ServerStepWriter(WfaasDbContext db, SqlDialect dialect) : IStepWriter
{
    public async Task<bool> WriteAsync(StepUnit unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = await unit(new StepTransaction(db.Database.GetDbConnection(), transaction.GetDbTransaction(), batch: dialect.Provider == StorageProvider.PostgreSql), cancellationToken).ConfigureAwait(false);
        if (written)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    public async Task<bool> WriteStatementsAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        if (dialect.Provider != StorageProvider.PostgreSql)
        {
            return await WriteAsync((transaction, ct) => transaction.ExecuteAsync(statements, ct), cancellationToken).ConfigureAwait(false);
        }

        // A batch outside a transaction block runs as one implicit transaction: a statement that
        // fails undoes the others. A row count the step expects becomes a check that fails the
        // same way. One round trip instead of BEGIN + statements, then COMMIT.
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await new StepTransaction(db.Database.GetDbConnection(), transaction: null, batch: true)
                .ExecuteAsync([.. statements.Select(dialect.Checked)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
