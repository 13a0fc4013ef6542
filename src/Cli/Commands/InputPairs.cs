using System.Text.Json;
using System.Text.Json.Nodes;

namespace WfaaS.Cli.Commands;

/// <summary>
/// <c>--input k=v</c> as a JSON object: <c>k=v</c> gives the string <c>v</c>; <c>k:=JSON</c> gives
/// that JSON value (<c>count:=3</c>, <c>tags:='["a","b"]'</c>), as HTTPie spells it.
/// </summary>
internal static class InputPairs
{
    public static JsonObject Parse(IEnumerable<string> pairs)
    {
        var input = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--input '{pair}' is not k=v (or k:=JSON).");
            }

            var raw = pair[equals - 1] == ':';
            var key = pair[..(raw ? equals - 1 : equals)];
            var text = pair[(equals + 1)..];
            if (key.Length == 0)
            {
                throw new UsageException($"--input '{pair}' has no name before '='.");
            }

            if (input.ContainsKey(key))
            {
                throw new UsageException($"--input names '{key}' twice.");
            }

            input[key] = raw ? ParseJson(key, text) : JsonValue.Create(text);
        }

        return input;
    }

    private static JsonNode? ParseJson(string key, string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--input {key}:= is not JSON: {e.Message}");
        }
    }
}
