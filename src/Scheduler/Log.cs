using Microsoft.Extensions.Logging;

namespace WfaaS.Scheduler;

/// <summary>Every log line of the Scheduler (EventIds 3xxx). Never log tokens, keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Timer {TimerId} failed to fire in process; handed to Hangfire to retry")]
    public static partial void TimerFireFailed(ILogger logger, long timerId, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Timer sweep failed; retrying at the next interval")]
    public static partial void TimerSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Timer sweep: {Count} pending timer(s) due within the horizon")]
    public static partial void TimersSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not hand outbox row {OutboxId} to Hangfire; the next sweep retries")]
    public static partial void OutboxEnqueueFailed(ILogger logger, long outboxId, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Outbox sweep: {Count} undispatched row(s) handed to Hangfire")]
    public static partial void OutboxSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Outbox sweep failed; retrying at the next interval")]
    public static partial void OutboxSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Trigger '{Trigger}' fired but workflow '{Workflow}' does not exist")]
    public static partial void TriggerWorkflowMissing(ILogger logger, string trigger, string workflow);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "No runner for action '{Action}' yet (outbox row {OutboxId}); it stays undispatched")]
    public static partial void NoRunner(ILogger logger, string action, long outboxId);
}
