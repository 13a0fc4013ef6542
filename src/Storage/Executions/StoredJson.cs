using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>How engine values are written to and read from the text columns.</summary>
internal static class StoredJson
{
    public static string? Write(JsonElement? value) => value?.GetRawText();

    public static JsonElement? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return document.RootElement.Clone();
    }

    public static string WriteSymbols(ImmutableDictionary<string, JsonElement> symbols) =>
        Object(w =>
        {
            foreach (var (name, value) in symbols.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(name);
                value.WriteTo(w);
            }
        });

    public static ImmutableDictionary<string, JsonElement> ReadSymbols(string json) =>
        Read(json)!.Value.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    public static string WriteStates<TState>(ImmutableDictionary<string, TState> states)
        where TState : struct, Enum =>
        Object(w =>
        {
            foreach (var (name, state) in states.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, WireNames.Of(state));
            }
        });

    public static ImmutableDictionary<string, TState> ReadStates<TState>(string json)
        where TState : struct, Enum =>
        Read(json)!.Value.EnumerateObject()
            .ToImmutableDictionary(p => p.Name, p => WireState.Parse<TState>(p.Value.GetString()!), StringComparer.Ordinal);

    public static string? WriteError(ExecutionError? error) => error is null ? null : Object(w =>
    {
        w.WriteString("task", error.Task);
        w.WriteString("type", error.Type);
        w.WriteString("message", error.Message);
        w.WriteStartArray("failures");
        foreach (var failure in error.Failures)
        {
            w.WriteStartObject();
            w.WriteString("task", failure.Task);
            w.WriteString("type", failure.Type);
            w.WriteString("message", failure.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static ExecutionError? ReadError(string? json)
    {
        if (Read(json) is not { } error)
        {
            return null;
        }

        var failures = error.GetProperty("failures").EnumerateArray()
            .Select(f => new TaskFailure(f.GetProperty("task").GetString()!, f.GetProperty("type").GetString()!, f.GetProperty("message").GetString()!))
            .ToImmutableArray();
        return new ExecutionError(
            error.GetProperty("task").GetString()!, error.GetProperty("type").GetString()!, error.GetProperty("message").GetString()!, failures);
    }

    private static string Object(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
