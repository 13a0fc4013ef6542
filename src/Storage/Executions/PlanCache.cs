using System.Collections.Concurrent;
using System.Text.Json;
using WfaaS.Engine.Planning;
using WfaaS.Engine.Validation;

namespace WfaaS.Storage.Executions;

/// <summary>
/// Compiled plans by definition row: each definition version is parsed and compiled once per
/// process, never per event. A singleton; rows are immutable, so entries never go stale.
/// </summary>
public sealed class PlanCache
{
    private readonly ConcurrentDictionary<long, ExecutionPlan> _plans = new();

    public ExecutionPlan Get(long definitionId, string definitionJson) =>
        _plans.GetOrAdd(definitionId, static (_, json) => Compile(json), definitionJson);

    public bool TryGet(long definitionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ExecutionPlan? plan) =>
        _plans.TryGetValue(definitionId, out plan);


    private static ExecutionPlan Compile(string definitionJson)
    {
        using var document = JsonDocument.Parse(definitionJson, new JsonDocumentOptions { MaxDepth = 256 });
        var result = DefinitionValidator.Validate(document.RootElement);
        return result.Definition is { } definition
            ? PlanCompiler.Compile(definition)
            : throw new InvalidOperationException("A stored definition no longer validates: " + string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }
}
