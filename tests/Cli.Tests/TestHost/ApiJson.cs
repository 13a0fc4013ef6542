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
