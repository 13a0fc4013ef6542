using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>An operator command's outcome: <see cref="Execution"/> is null when it does not exist; <see cref="Refusal"/> says why the command did not apply.</summary>
public sealed record CommandOutcome(StoredExecution? Execution, CommandRefusal? Refusal);
