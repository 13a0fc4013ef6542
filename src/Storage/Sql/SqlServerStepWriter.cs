using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>
/// SQL Server: a transaction per step on the request's connection, a command per statement, the
/// check's row count read plainly. Not run here (no server); its statements are parsed by
/// Microsoft's own T-SQL parser in the tests.
/// </summary>
public sealed class SqlServerStepWriter(WfaasDbContext db) : IStepWriter
{
    public async Task<bool> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = await new StepTransaction(db.Database.GetDbConnection(), transaction.GetDbTransaction())
            .ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
        if (written)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (transaction.GetDbTransaction().Connection is not null)
        {
            // A deadlock victim's transaction was already rolled back by the server (its Connection is null).
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        return written;
    }
}
