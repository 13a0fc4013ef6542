using WfaaS.Engine.Execution;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>An execution's row as loaded, not tracked (a step updates it by row version), and the engine state built from it.</summary>
internal sealed record LoadedExecution(ExecutionEntity Execution, ExecutionState State);
