using Microsoft.EntityFrameworkCore;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The queries every step and every GET runs, compiled once. A compiled query is bound to the
/// model it first ran against, so this is a singleton of the service provider (one model each),
/// not a static.
/// </summary>
public sealed class ExecutionQueries
{
    public Func<WfaasDbContext, Guid, CancellationToken, Task<ExecutionEntity?>> Execution { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, Guid id, CancellationToken _) => db.Executions.AsNoTracking().FirstOrDefault(e => e.Id == id));

    public Func<WfaasDbContext, string, string, CancellationToken, Task<TokenEntity?>> Token { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, string hash, string kind, CancellationToken _) => db.Tokens.AsNoTracking().FirstOrDefault(t => t.Hash == hash && t.Kind == kind));
}
