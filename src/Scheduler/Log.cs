using Microsoft.Extensions.Logging;

namespace WfaaS.Scheduler;

/// <summary>Every log line of the Scheduler (EventIds 3xxx). Never log tokens, keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Timer {Serial} of execution {ExecutionId} failed to fire in process; handed to Hangfire to retry")]
    public static partial void TimerFireFailed(ILogger logger, Guid executionId, long serial, Exception exception);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Reading the executions of {Count} due timers failed; each reads its own")]
    public static partial void TimerPreloadFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Timer sweep failed; retrying at the next interval")]
    public static partial void TimerSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Timer sweep: {Count} pending timer(s) due within the horizon")]
    public static partial void TimersSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not hand outbox row {OutboxId} to Hangfire; the next sweep brings it back")]
    public static partial void OutboxEnqueueFailed(ILogger logger, long outboxId, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Outbox sweep: {Count} undispatched row(s) queued to run")]
    public static partial void OutboxSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Outbox sweep failed; retrying at the next interval")]
    public static partial void OutboxSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Trigger '{Trigger}' fired but workflow '{Workflow}' does not exist")]
    public static partial void TriggerWorkflowMissing(ILogger logger, string trigger, string workflow);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Outbox row {OutboxId} has unknown kind '{Kind}'; marked done")]
    public static partial void UnknownOutboxRow(ILogger logger, string kind, long outboxId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "The runner of outbox row {OutboxId} ({Kind}) threw; the attempt fails")]
    public static partial void RunnerFailed(ILogger logger, string kind, long outboxId, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Outbox row {OutboxId} ({Kind}) of execution {ExecutionId} running")]
    public static partial void OutboxRunning(ILogger logger, long outboxId, string kind, Guid executionId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "Timer {Serial} of execution {ExecutionId} firing, {LatenessMs} ms after it was due")]
    public static partial void TimerFiring(ILogger logger, long serial, Guid executionId, double latenessMs);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Outbox row {OutboxId} failed in process; handed to Hangfire to retry")]
    public static partial void OutboxRunFailed(ILogger logger, long outboxId, Exception exception);
}
