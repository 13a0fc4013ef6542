using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>What one committed step left to carry out: new durable timers and new outbox rows; and the state it left the execution in.</summary>
public sealed record StepCommit(Guid ExecutionId, ExecutionStatus Status, IReadOnlyList<TimerEntity> Timers, IReadOnlyList<OutboxEntity> Outbox);
