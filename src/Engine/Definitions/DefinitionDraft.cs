using System.Collections.Immutable;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// What the reader made of a document, even an invalid one, so that every rule can still run and all errors are reported at once.
/// Names that could not be read are empty strings (already reported); <see cref="UntypedFlows"/> holds the paths of flows whose
/// <c>type</c> was missing or wrong, which type-dependent rules skip.
/// </summary>
internal sealed record DefinitionDraft(WorkflowDefinition Definition, ImmutableHashSet<string> UntypedFlows, int TaskCount);
