using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace WfaaS.Storage;

/// <summary>Gives a context's pooled connection back while its owner waits on something else (a commit, another system).</summary>
public static class ConnectionRelease
{
    /// <summary>
    /// Closes the connection. EF closes only when its count of opens reaches zero, and after a burst
    /// of 10,000 timer fires on PostgreSQL, contexts were seen keeping theirs open through an http
    /// call: every call in flight held one, 77 at most (the pool less Hangfire's).
    /// </summary>
    public static async Task ReleaseConnectionAsync(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.CloseConnectionAsync().ConfigureAwait(false);
        if (database.GetDbConnection() is { State: System.Data.ConnectionState.Open } connection)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
