using System.Collections.Immutable;
using WfaaS.Engine.Execution.Effects;

namespace WfaaS.Engine.Execution;

public sealed record StepResult(ExecutionState Next, ImmutableArray<Effect> Effects)
{
    public IEnumerable<HistoryRecord> History => Effects.OfType<RecordHistory>().Select(e => e.Record);
}
