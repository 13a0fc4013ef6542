using WfaaS.Engine.Execution;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>An execution's rows, tracked for the step that will update them, and the engine state built from them.</summary>
internal sealed record LoadedExecution(ExecutionEntity Execution, List<TaskDetailEntity> Tasks, ExecutionState State);
