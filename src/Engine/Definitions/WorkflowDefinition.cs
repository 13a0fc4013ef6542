using System.Collections.Immutable;
using System.Text.Json;

namespace WfaaS.Engine.Definitions;

/// <summary>A validated workflow definition. <see cref="Output"/> is null when every provided symbol is returned (SPEC §5.1).</summary>
public sealed record WorkflowDefinition(
    string Name,
    string? Description,
    ImmutableArray<string> Input,
    ImmutableArray<string>? Output,
    FailureStrategy OnFailure,
    FlowNode Flow,
    RepeatPolicy? Repeat)
{
    public IEnumerable<TaskNode> Tasks() => Flow.Tasks();

    /// <summary>The declared inputs that <paramref name="input"/> (an execution's input object) does not supply.</summary>
    public IEnumerable<string> MissingInputs(JsonElement input) =>
        Input.Where(name => input.ValueKind != JsonValueKind.Object || !input.TryGetProperty(name, out _));

    /// <summary>The definition inputs followed by every provided symbol.</summary>
    public ImmutableHashSet<string> Symbols() =>
        [.. Input.Concat(Flow.ProvidedSymbols())];
}
