using System.Collections.Immutable;
using WfaaS.Engine.Execution.Effects;

namespace WfaaS.Engine.Execution;

/// <param name="Next">The state after the step.</param>
/// <param name="Effects">What the step decided.</param>
/// <param name="Needs">
/// When not empty, the step could not be taken: it needs every archived element of these
/// <c>for_each</c> items (to gather their results, or to revert them). Load them with
/// <see cref="ExecutionState.WithArchived"/> and step again; <see cref="Next"/> and
/// <see cref="Effects"/> are then the state as given and nothing.
/// </param>
public sealed record StepResult(ExecutionState Next, ImmutableArray<Effect> Effects, ImmutableArray<string> Needs = default)
{
    public bool IsComplete => Needs.IsDefaultOrEmpty;

    public IEnumerable<HistoryRecord> History => Effects.OfType<RecordHistory>().Select(e => e.Record);
}
