namespace WfaaS.Api;

/// <summary>Every log line of the Api (EventIds 1xxx). Never log tokens, keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception while serving a request")]
    public static partial void UnhandledException(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "No API keys configured (Auth:ApiKeys): every endpoint is open")]
    public static partial void AuthDisabled(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Storage: {Provider}; scheduler storage: {SchedulerStorage}")]
    public static partial void StorageSelected(ILogger logger, string provider, string schedulerStorage);
}
