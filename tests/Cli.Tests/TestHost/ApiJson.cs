using System.Net;
using System.Text.Json.Nodes;

namespace WfaaS.Cli.Tests.TestHost;

/// <summary>Reads the API directly, to compare what the CLI printed with what the service says.</summary>
public static class ApiJson
{
    public static async Task<JsonNode> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every history entry of execution <paramref name="id"/>, following <c>next_cursor</c> page by page.</summary>
    public static async Task<JsonArray> HistoryAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        var all = new JsonArray();
        string? cursor = null;
        do
        {
            var page = await GetAsync(client, $"/api/v1/executions/{id}/history{(cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}")}", cancellationToken);
            foreach (var item in page["items"]!.AsArray())
            {
                all.Add(item!.DeepClone());
            }

            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return all;
    }

    /// <summary>Parses what the CLI printed, failing the test with the text when it is not one JSON document.</summary>
    public static JsonNode Parse(string printed)
    {
        try
        {
            return JsonNode.Parse(printed)!;
        }
        catch (System.Text.Json.JsonException e)
        {
            Assert.Fail($"Not JSON ({e.Message}):\n{printed}");
            throw;
        }
    }

    public static void Equal(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected\n{expected.ToJsonString()}\nbut got\n{actual.ToJsonString()}");
}
