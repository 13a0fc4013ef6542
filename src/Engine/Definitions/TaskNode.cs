using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Conditions;

namespace WfaaS.Engine.Definitions;

public sealed record TaskNode(
    string Name,
    string Action,
    JsonElement? Input,
    ImmutableArray<string> Requires,
    Provides? Provides,
    RevertDefinition? Revert,
    RetryPolicy? Retry,
    TimeSpan? Timeout,
    TimeSpan? Heartbeat,
    ImmutableArray<string> After,
    string? Description,
    string Path,
    Condition? When = null,
    FanOut? ForEach = null) : FlowItem(Path)
{
    public ImmutableArray<string> ProvidedSymbols => Provides?.Names ?? [];

    /// <summary>
    /// SPEC §3.2: the root names of the placeholders in <see cref="Input"/> plus <see cref="Requires"/>, without <c>ctx</c>.
    /// Pass every symbol of the definition so that names containing dots resolve (see <see cref="Placeholder.Resolve"/>).
    /// </summary>
    public ImmutableArray<string> RequiredSymbols(IReadOnlySet<string>? knownSymbols = null) =>
    [
        .. InputReferences(knownSymbols).Select(r => r.Symbol)
            .Concat(Requires)
            .Concat(When?.Symbols ?? [])
            .Concat(ForEach is { } fanOut ? [fanOut.Source.Resolve(knownSymbols).Root] : [])
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>The symbols <see cref="Revert"/>'s input reads, without <c>ctx</c> and without this task's own provides.</summary>
    public ImmutableArray<string> RevertRequiredSymbols(IReadOnlySet<string>? knownSymbols = null) =>
        [.. RevertReferences(knownSymbols).Select(r => r.Symbol).Distinct(StringComparer.Ordinal)];

    internal IEnumerable<(string Path, string Symbol)> InputReferences(IReadOnlySet<string>? knownSymbols) =>
        TemplateStrings.Placeholders(Input, DefinitionPath.Property(Path, "input"))
            .Where(p => !p.Placeholder.IsContext)
            .Select(p => (p.Path, Symbol: p.Placeholder.Resolve(knownSymbols).Root))
            .Where(r => r.Symbol != ForEach?.As);

    internal IEnumerable<(string Path, string Symbol)> RevertReferences(IReadOnlySet<string>? knownSymbols)
    {
        var own = ProvidedSymbols;
        return TemplateStrings.Placeholders(Revert?.Input, DefinitionPath.Property(DefinitionPath.Property(Path, "revert"), "input"))
            .Where(p => !p.Placeholder.IsContext)
            .Select(p => (p.Path, Symbol: p.Placeholder.Resolve(knownSymbols).Root))
            .Where(r => !own.Contains(r.Symbol, StringComparer.Ordinal) && r.Symbol != ForEach?.As);
    }
}
