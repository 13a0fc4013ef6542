using Microsoft.Extensions.Logging;

namespace WfaaS.Storage;

/// <summary>Every log line of Storage (EventIds 2xxx). Never log tokens, keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Step {Event} on execution {ExecutionId}: {Outcome}")]
    public static partial void StepDone(ILogger logger, string outcome, string @event, Guid executionId);
}
