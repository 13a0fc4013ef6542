using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.3, §3.5 and TASKFLOW rule 16: a symbol has one source, so no two tasks provide it — unless every one of them
/// runs only if a <c>when</c> says so (exclusive branches joining again) — and no task provides a definition input.
/// </summary>
internal sealed class ProviderRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var (name, (path, _)) in structure.ScopeProviders)
        {
            if (structure.Inputs.Contains(name) || structure.Providers.ContainsKey(name))
            {
                errors.Add(path, $"'{name}' is already a definition input or provided by a task");
            }
        }

        var first = new Dictionary<string, TaskNode>(StringComparer.Ordinal);
        foreach (var task in structure.Tasks)
        {
            foreach (var (name, path) in Entries(task))
            {
                if (!NameRule.IsValidSymbol(name))
                {
                    continue;
                }

                if (structure.Inputs.Contains(name))
                {
                    errors.Add(path, $"'{name}' is a definition input and cannot also be provided by a task");
                }

                if (first.TryGetValue(name, out var provider))
                {
                    if (!ReferenceEquals(provider, task) && !structure.Providers[name].All(structure.IsConditional))
                    {
                        errors.Add(path, $"'{name}' is already provided by task '{provider.Name}' ({provider.Path}); several tasks may provide one name only if each has a 'when'");
                    }
                }
                else
                {
                    first[name] = task;
                }
            }
        }
    }

    private static IEnumerable<(string Name, string Path)> Entries(TaskNode task)
    {
        var path = DefinitionPath.Property(task.Path, "provides");
        if (task.Provides is not { } provides)
        {
            return [];
        }

        return provides.WholeName is { } whole
            ? [(whole, path)]
            : provides.Paths.Select(p => (p.Name, DefinitionPath.Property(path, p.Name)));
    }
}
