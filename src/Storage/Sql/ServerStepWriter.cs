using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>
/// PostgreSQL and SQL Server: each step commits in its own transaction on the request's
/// connection; concurrent commits share the server's log flushes, and row versions serialise
/// steps of one execution.
/// </summary>
public sealed class ServerStepWriter(WfaasDbContext db) : IStepWriter
{
    public async Task<bool> WriteAsync(StepUnit unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = await unit(new StepTransaction(db.Database.GetDbConnection(), transaction.GetDbTransaction()), cancellationToken).ConfigureAwait(false);
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
}
