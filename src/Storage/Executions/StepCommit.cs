using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>What one committed step left to carry out: new durable timers and new outbox rows.</summary>
public sealed record StepCommit(Guid ExecutionId, IReadOnlyList<TimerEntity> Timers, IReadOnlyList<OutboxEntity> Outbox);
