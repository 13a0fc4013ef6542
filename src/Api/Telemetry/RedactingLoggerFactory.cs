using Microsoft.Extensions.Options;

namespace WfaaS.Api.Telemetry;

/// <summary>
/// The service's <see cref="ILoggerFactory"/>: the framework's own, whose every logger hands its
/// lines and scopes on only once a token in a capability path is redacted (<see cref="CapabilityPaths"/>).
/// ASP.NET Core logs a request's path ("Request starting … /callbacks/{token}"), routing logs it at
/// Debug, and the hosting scope carries it as <c>RequestPath</c>; a provider added later (by a host,
/// by a test) is behind the same wrapper, so no log line at any level carries a token (SPEC §10).
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public static void Replace(IServiceCollection services)
    {
        services.AddLogging();
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new RedactingLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            Redacted.Of(state) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var redacted = Redacted.Of(state);
            if (redacted is null && !CapabilityPaths.Contains(message))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(logLevel, eventId, redacted ?? new Redacted([]), exception, (_, _) => CapabilityPaths.Redact(message));
        }
    }

    /// <summary>A line's or scope's structured values, each capability path redacted as it is read.</summary>
    private sealed class Redacted(IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index] is var pair && Holds(pair.Value)
            ? new KeyValuePair<string, object?>(pair.Key, CapabilityPaths.Redact(pair.Value!.ToString()!))
            : pair;

        /// <summary>Null when <paramref name="state"/> carries no capability path.</summary>
        public static Redacted? Of<TState>(TState state)
        {
            // Every request's scope (ASP.NET Core's, an IReadOnlyList) comes here: read it by index, without an enumerator.
            if (state is IReadOnlyList<KeyValuePair<string, object?>> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (Holds(list[i].Value))
                    {
                        return new Redacted(list);
                    }
                }

                return null;
            }

            return state is IEnumerable<KeyValuePair<string, object?>> pairs && pairs.Any(p => Holds(p.Value)) ? new Redacted([.. pairs]) : null;
        }

        private static bool Holds(object? value) =>
            value is string or PathString or Uri && value.ToString() is { } text && CapabilityPaths.Contains(text);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < values.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", this.Select(v => $"{v.Key}:{v.Value}"));
    }
}
