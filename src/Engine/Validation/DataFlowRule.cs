using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>
/// SPEC §3.3, TASKFLOW rules 1–3: a task may only use a definition input or a symbol provided by a task guaranteed to finish
/// before it. The guarantee is decided where the two tasks' branches meet (their lowest common flow): in a linear flow the
/// provider's branch must come earlier, in a graph flow it must be an ancestor of the user's branch, in an unordered flow
/// nothing is ordered. A nested flow is a black box, so meeting there covers every enclosing level. A symbol with several
/// providers (each with a <c>when</c>, SPEC §3.5) is waited for until each has finished or been skipped, so every one of
/// them must come before. A nested flow's own <c>when</c> is decided before any of its tasks runs.
/// </summary>
internal sealed class DataFlowRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            foreach (var requirement in structure.RequirementsOf(task))
            {
                Check(structure, task, requirement.Path, requirement.Symbol, errors);
            }
        }

        foreach (var flow in structure.Flows.Where(f => f.When is not null))
        {
            foreach (var symbol in flow.When!.Symbols)
            {
                Check(structure, flow, DefinitionPath.Property(flow.Path, "when"), symbol, errors);
            }
        }

        foreach (var flow in structure.Flows.Where(f => f.ForEach is not null))
        {
            // SPEC §3.6: the array is resolved when the flow is ready, before any of its tasks runs.
            Check(structure, flow, DefinitionPath.Property(flow.Path, "for_each"), flow.ForEach!.Source.Resolve(structure.KnownSymbols).Root, errors);
        }
    }

    private static void Check(FlowStructure structure, FlowItem user, string path, string symbol, ErrorList errors)
    {
        if (structure.Inputs.Contains(symbol))
        {
            return;
        }

        if (structure.ScopeProviders.TryGetValue(symbol, out var retry))
        {
            // SPEC §5.3: a retry's provides is visible inside its scope and after it.
            var first = user is FlowNode flow ? flow.Tasks().FirstOrDefault() : user as TaskNode;
            if (retry.Scope.Count > 0 && first is not null && !retry.Scope.Contains(first) && Problem(structure, user, retry.Scope[0], symbol) is not null)
            {
                errors.Add(path, $"requires '{symbol}', which the retry at {retry.Path} provides only inside its scope and after it");
            }

            return;
        }

        if (!structure.Providers.TryGetValue(symbol, out var providers))
        {
            errors.Add(path, $"requires '{symbol}', which is neither a definition input nor provided by any task");
            return;
        }

        // One provider that comes before is enough; several (each with a 'when') must all come before.
        if (providers.Select(provider => Problem(structure, user, provider, symbol)).FirstOrDefault(p => p is not null) is { } problem)
        {
            errors.Add(path, problem);
        }
    }

    private static string? Problem(FlowStructure structure, FlowItem task, TaskNode provider, string symbol)
    {
        if (ReferenceEquals(task, provider))
        {
            return $"requires '{symbol}', which this task provides itself";
        }

        for (var flow = structure.ParentOf(provider); flow is not null; flow = structure.ParentOf(flow))
        {
            if (ReferenceEquals(flow, task))
            {
                return $"requires '{symbol}', which task '{provider.Name}' inside this flow provides; a flow's 'when' and 'for_each' are decided before its tasks run";
            }
        }

        var providerFlows = new HashSet<FlowItem>(ReferenceEqualityComparer.Instance);
        for (var flow = structure.ParentOf(provider); flow is not null; flow = structure.ParentOf(flow))
        {
            providerFlows.Add(flow);
        }

        FlowItem userBranch = task;
        var meeting = structure.ParentOf(task);
        while (meeting is not null && !providerFlows.Contains(meeting))
        {
            userBranch = meeting;
            meeting = structure.ParentOf(meeting);
        }

        if (meeting is null || !structure.IsTyped(meeting))
        {
            return null;
        }

        FlowItem providerBranch = provider;
        while (structure.ParentOf(providerBranch) is { } parent && !ReferenceEquals(parent, meeting))
        {
            providerBranch = parent;
        }

        var source = $"task '{provider.Name}' ({provider.Path})";
        switch (meeting.Type)
        {
            case FlowType.Linear:
                return structure.IndexOf(providerBranch) < structure.IndexOf(userBranch)
                    ? null
                    : $"requires '{symbol}', but {source}, which provides it, runs after this task in a linear flow";
            case FlowType.Unordered:
                return $"requires '{symbol}' from {source}, but '{FlowStructure.Label(userBranch)}' and '{FlowStructure.Label(providerBranch)}' "
                    + "are siblings in an unordered flow, which cannot depend on each other";
            default:
                var graph = structure.GraphOf(meeting);
                return graph.Reaches(graph.IndexOf(providerBranch), graph.IndexOf(userBranch))
                    ? null
                    : $"requires '{symbol}' from {source}, which is not guaranteed to finish before this task";
        }
    }
}
