using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.1: only a delegate task reports heartbeats.</summary>
internal sealed class HeartbeatRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            if (task.Heartbeat is not null && BuiltInActions.IsKnown(task.Action) && task.Action != BuiltInActions.Delegate)
            {
                errors.Add(DefinitionPath.Property(task.Path, "heartbeat"), $"'heartbeat' is only allowed on delegate tasks, not on a '{task.Action}' task");
            }
        }
    }
}
