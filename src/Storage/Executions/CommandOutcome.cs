using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>An operator command's outcome: <see cref="Execution"/> is null when it does not exist; <see cref="Applied"/> is false when the command is illegal in its state (409).</summary>
public sealed record CommandOutcome(ExecutionEntity? Execution, bool Applied);
