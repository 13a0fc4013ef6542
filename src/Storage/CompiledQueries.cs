using Microsoft.EntityFrameworkCore;
using WfaaS.Storage.Definitions;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage;

/// <summary>
/// The queries every start, step and GET runs, compiled once. A compiled query is bound to the
/// model it first ran against, so this is a singleton of the service provider (one model each),
/// not a static.
/// </summary>
public sealed class CompiledQueries
{
    public Func<WfaasDbContext, Guid, CancellationToken, Task<ExecutionEntity?>> Execution { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, Guid id, CancellationToken _) => db.Executions.AsNoTracking().FirstOrDefault(e => e.Id == id));

    public Func<WfaasDbContext, string, string, CancellationToken, Task<TokenEntity?>> Token { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, string hash, string kind, CancellationToken _) => db.Tokens.AsNoTracking().FirstOrDefault(t => t.Hash == hash && t.Kind == kind));

    public Func<WfaasDbContext, string, CancellationToken, Task<DefinitionRef?>> LatestDefinition { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, string name, CancellationToken _) => db.WorkflowDefinitions
            .Where(d => d.Name == name).OrderByDescending(d => d.Version)
            .Select(d => new DefinitionRef(d.Id, d.Name, d.Version)).FirstOrDefault());

    public Func<WfaasDbContext, string, int, CancellationToken, Task<DefinitionRef?>> DefinitionVersion { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, string name, int version, CancellationToken _) => db.WorkflowDefinitions
            .Where(d => d.Name == name && d.Version == version)
            .Select(d => new DefinitionRef(d.Id, d.Name, d.Version)).FirstOrDefault());

    public Func<WfaasDbContext, long, CancellationToken, Task<string?>> DefinitionJson { get; } =
        EF.CompileAsyncQuery((WfaasDbContext db, long id, CancellationToken _) => db.WorkflowDefinitions
            .Where(d => d.Id == id).Select(d => d.DefinitionJson).FirstOrDefault());
}
