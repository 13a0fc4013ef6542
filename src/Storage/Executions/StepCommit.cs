using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>What one committed step left to carry out: new durable timers and new outbox rows.</summary>
public sealed record StepCommit(ExecutionEntity Execution, IReadOnlyList<TimerEntity> Timers, IReadOnlyList<OutboxEntity> Outbox);
