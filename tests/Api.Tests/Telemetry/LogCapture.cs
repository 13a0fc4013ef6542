using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WfaaS.Api.Tests.Telemetry;

/// <summary>Every log line the service writes, at every level, with its message, values and scopes' values.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<KeyValuePair<string, object?>>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                values.AddRange(pairs);
            }

            var scopes = new List<KeyValuePair<string, object?>>();
            var scopeTexts = new List<string>();
            capture._scopes.ForEachScope((scope, _) =>
            {
                scopeTexts.Add(scope?.ToString() ?? string.Empty);
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                {
                    scopes.AddRange(scopePairs);
                }
            }, (object?)null);
            capture.Lines.Enqueue(new CapturedLine(category, logLevel, eventId, formatter(state, exception), values, scopes, scopeTexts, exception?.ToString()));
        }
    }
}

public sealed record CapturedLine(
    string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values,
    IReadOnlyList<KeyValuePair<string, object?>> Scopes, IReadOnlyList<string> ScopeTexts, string? Exception)
{
    /// <summary>Everything of the line a sink could write.</summary>
    public string AllText() => string.Join('\n', [
        Category, Message, Exception ?? string.Empty,
        .. Values.Select(v => $"{v.Key}={v.Value}"), .. Scopes.Select(v => $"{v.Key}={v.Value}"), .. ScopeTexts]);
}
