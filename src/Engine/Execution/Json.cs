using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace WfaaS.Engine.Execution;

/// <summary>Small JSON values the engine makes itself (results, <c>ctx</c> values).</summary>
internal static class Json
{
    public static readonly JsonElement Null = Parse("null");

    public static JsonElement String(string value) => Write(w => w.WriteStringValue(value));

    public static JsonElement Number(long value) => Write(w => w.WriteNumberValue(value));

    public static JsonElement Time(DateTimeOffset value) =>
        String(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    public static JsonElement Object(params (string Name, JsonElement? Value)[] properties) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            w.WritePropertyName(name);
            (value ?? Null).WriteTo(w);
        }

        w.WriteEndObject();
    });

    public static JsonElement Array(IReadOnlyList<JsonElement> items) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            item.WriteTo(w);
        }

        w.WriteEndArray();
    });

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
