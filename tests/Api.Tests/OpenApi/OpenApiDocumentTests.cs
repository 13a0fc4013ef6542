using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.OpenApi;

/// <summary>SPEC §6: the committed openapi/wfaas.v1.json equals the served document.</summary>
public sealed class OpenApiDocumentTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private const string UpdateVariable = "WFAAS_UPDATE_OPENAPI";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommittedDocument_EqualsServedDocument()
    {
        var served = await ServedAsync();
        var path = Path.Combine(RepositoryRoot(), "openapi", "wfaas.v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served, Token);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, Token) : "{}";

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(served)),
            $"openapi/wfaas.v1.json differs from /swagger/v1/swagger.json. Regenerate it with: {UpdateVariable}=1 dotnet test tests/Api.Tests --filter CommittedDocument_EqualsServedDocument");
    }

    [Fact]
    public async Task ServedDocument_DocumentsDefinitionBodiesWithExamples()
    {
        using var document = JsonDocument.Parse(await ServedAsync());

        var content = document.RootElement.GetProperty("paths").GetProperty("/api/v1/workflows").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content");
        Assert.True(content.GetProperty("application/json").TryGetProperty("example", out _));
        Assert.True(content.GetProperty("application/yaml").TryGetProperty("example", out _));
    }

    private async Task<string> ServedAsync()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/swagger/v1/swagger.json", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WfaaS.sln not found above the test binaries.");
    }
}
