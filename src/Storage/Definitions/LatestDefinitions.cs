using System.Collections.Concurrent;

namespace WfaaS.Storage.Definitions;

/// <summary>
/// The latest version of each workflow name, as this process last saw it: every start by name
/// needs it, and it changes only when a definition is posted or deleted. This process's own posts
/// and deletes update it at once; another instance's are seen within <see cref="Freshness"/> (AWS
/// Step Functions says the same of UpdateStateMachine: executions started right after may use the
/// previous definition). A name with no definition is never cached, so a new workflow is found at once.
/// </summary>
public sealed class LatestDefinitions(TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (DefinitionRef Definition, DateTimeOffset Until)> _latest = new(StringComparer.Ordinal);

    public DefinitionRef? Find(string name) =>
        _latest.TryGetValue(name, out var entry) && entry.Until > time.GetUtcNow() ? entry.Definition : null;

    public void Saw(DefinitionRef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var until = time.GetUtcNow() + Freshness;
        _latest.AddOrUpdate(definition.Name, (definition, until), (_, known) =>
            known.Definition.Version > definition.Version && known.Until > time.GetUtcNow() ? known : (definition, until));
    }

    public void Forget(string name) => _latest.TryRemove(name, out _);
}
