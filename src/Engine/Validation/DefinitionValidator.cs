using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>Reads and validates a definition document (SPEC §3.3), reporting every error at once.</summary>
public static class DefinitionValidator
{
    private static readonly ImmutableArray<IDefinitionRule> Rules =
    [
        new DuplicateNameRule(),
        new TemplateRule(),
        new ActionInputRule(),
        new HeartbeatRule(),
        new CheckpointPlacementRule(),
        new AfterRule(),
        new ProviderRule(),
        new FanOutRule(),
        new DataFlowRule(),
        new OutputRule(),
        new CycleRule(),
        new LimitsRule(),
    ];

    /// <summary>Never throws for any <see cref="JsonElement"/>, whatever its shape; <see cref="DefinitionValidationResult.Definition"/> is set only when valid.</summary>
    public static DefinitionValidationResult Validate(JsonElement document)
    {
        var errors = new ErrorList();
        var draft = DefinitionReader.Read(document, errors);
        if (draft is not null)
        {
            var structure = new FlowStructure(draft);
            foreach (var rule in Rules)
            {
                rule.Check(structure, errors);
            }
        }

        return errors.Count == 0
            ? new DefinitionValidationResult(draft!.Definition, [])
            : new DefinitionValidationResult(null, errors.ToImmutable());
    }
}
