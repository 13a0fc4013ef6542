using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>
/// PostgreSQL and SQL Server: a step that reads inside its transaction (retention) commits in its
/// own transaction on the request's connection; on PostgreSQL every other step goes to
/// <see cref="PostgresGroupCommit"/>, which commits the steps waiting together in one batch. SQL
/// Server keeps a transaction per step and a command per statement (its batching cannot be tested
/// here). Row versions serialise the steps of one execution either way.
/// </summary>
public sealed class ServerStepWriter(WfaasDbContext db, SqlDialect dialect, PostgresGroupCommit? group = null) : IStepWriter
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
        // fails undoes the others, and a row count the step expects becomes a check that fails the
        // same way.
        var checkedStatements = statements.Select(dialect.Checked).ToList();
        if (group is not null)
        {
            return await group.WriteAsync(checkedStatements, cancellationToken).ConfigureAwait(false);
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await new StepTransaction(db.Database.GetDbConnection(), transaction: null, batch: true)
                .ExecuteAsync(checkedStatements, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
