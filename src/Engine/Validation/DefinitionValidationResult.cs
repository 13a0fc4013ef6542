using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary><see cref="Definition"/> is non-null exactly when <see cref="IsValid"/>.</summary>
public sealed record DefinitionValidationResult(WorkflowDefinition? Definition, ImmutableArray<ValidationError> Errors)
{
    public bool IsValid => Errors.IsEmpty;
}
