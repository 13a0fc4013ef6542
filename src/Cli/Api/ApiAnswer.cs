using System.Text.Json;

namespace WfaaS.Cli.Api;

/// <summary>A successful answer: its status, its body as sent (for <c>--json</c>) and parsed.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Text">The body exactly as the service sent it; empty for 204.</param>
/// <param name="Json">The body parsed; <c>Undefined</c> when empty.</param>
internal sealed record ApiAnswer(int Status, string Text, JsonElement Json)
{
    public T As<T>() => Json.Deserialize<T>(WireJson.Options) ?? throw new JsonException($"The service answered JSON null where {typeof(T).Name} was expected.");
}
