using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §7 status codes for bodies that never reach validation.</summary>
public sealed class RequestErrorTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Factory.CreateClient();

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": \"x\",}")]
    [InlineData("not json at all")]
    public async Task Post_MalformedJson_Returns400(string body)
    {
        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/workflows", Bodies.Json(body), Token), HttpStatusCode.BadRequest);

        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MalformedYaml_Returns400NamingTheLine()
    {
        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/workflows", Bodies.Yaml("name: ok\nflow: [unclosed\n"), Token), HttpStatusCode.BadRequest);

        Assert.Contains("line", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>YamlDotNet's scanner throws InvalidOperationException, not YamlException, on some truncated texts.</summary>
    [Theory]
    [InlineData("name: [unclosed\nflow: {type: linear")]
    [InlineData("flow: {type: linear, items: [{task: a")]
    [InlineData("name: {a: [1, 2\n")]
    [InlineData("[")]
    [InlineData("name: \"unterminated")]
    [InlineData("name: 'unterminated\n  flow: [")]
    public async Task Post_TruncatedYaml_Returns400WithoutInternalsAndStoresNothing(string yaml)
    {
        var before = await fixture.Factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(Token));

        foreach (var path in new[] { "/api/v1/workflows", "/api/v1/workflows/validate" })
        {
            var problem = await HttpAssert.ProblemAsync(await Client.PostAsync(path, Bodies.Yaml(yaml), Token), HttpStatusCode.BadRequest);

            var detail = problem.GetProperty("detail").GetString()!;
            Assert.StartsWith("Malformed YAML", detail, StringComparison.Ordinal);
            Assert.Contains("line", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", problem.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.Factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(Token)));
    }

    [Fact]
    public async Task Post_YamlAliasBomb_Returns400()
    {
        var yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 10))).Append("]\n");
        }

        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/workflows", Bodies.Yaml(yaml.ToString()), Token), HttpStatusCode.BadRequest);

        Assert.Contains("nodes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Post_UnsupportedMediaType_Returns415(string? mediaType)
    {
        var body = Bodies.Raw(Encoding.UTF8.GetBytes(Bodies.Definition(Bodies.UniqueName())), mediaType);

        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/workflows", body, Token), HttpStatusCode.UnsupportedMediaType);
    }

    /// <summary>Found by RequestFuzzTests: an unresolvable charset made the JSON reader throw (500).</summary>
    [Theory]
    [InlineData("/api/v1/executions")]
    [InlineData("/api/v1/callbacks/not-a-token")]
    [InlineData("/api/v1/approvals/not-a-token")]
    [InlineData("/api/v1/workflows")]
    public async Task Post_CharsetOtherThanUtf8_Returns415AndStoresNothing(string path)
    {
        var before = await StoredState.ReadAsync(fixture.Factory, Token);

        foreach (var charset in new[] { "latin1", "\"latin1\"", "utf-16", "no-such-charset", "\"" })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"workflow": "x", "status": "success", "decision": "approve"}"""));
            content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

            var problem = await HttpAssert.ProblemAsync(await Client.PostAsync(path, content, Token), HttpStatusCode.UnsupportedMediaType);

            // An unparsable Content-Type ('charset="' unclosed) is refused by the endpoint's own media-type check.
            if (charset != "\"")
            {
                Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await StoredState.ReadAsync(fixture.Factory, Token));
    }

    /// <summary>RFC 9110 allows the quoted form; it means the same as charset=utf-8.</summary>
    [Fact]
    public async Task Post_QuotedUtf8Charset_IsUtf8()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bodies.Definition(Bodies.UniqueName())));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"UTF-8\"");

        var created = await HttpAssert.JsonAsync(await Client.PostAsync("/api/v1/workflows", content, Token), HttpStatusCode.Created);

        var name = created.GetProperty("name").GetString()!;
        var start = new ByteArrayContent(Encoding.UTF8.GetBytes($$$"""{"workflow": "{{{name}}}", "input": {"who": "Ada"}}"""));
        start.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"utf-8\"");
        var execution = await HttpAssert.JsonAsync(await Client.PostAsync("/api/v1/executions", start, Token), HttpStatusCode.Created);
        Assert.Equal("hi Ada", execution.GetProperty("output").GetProperty("greeting").GetString());
    }

    /// <summary>Found by RequestFuzzTests: invalid UTF-8 inside a JSON string kept as a JsonElement (input, result) threw when read (500).</summary>
    [Theory]
    [InlineData((byte)0x80)]
    [InlineData((byte)0xC3)]
    [InlineData((byte)0xED)]
    [InlineData((byte)0xFF)]
    public async Task Post_JsonWithInvalidUtf8InAValue_Returns400AndStoresNothing(byte invalid)
    {
        var name = await Executions.PostDefinitionAsync(Client, Bodies.Definition(Bodies.UniqueName()), Token);
        var before = await StoredState.ReadAsync(fixture.Factory, Token);
        var bytes = Encoding.UTF8.GetBytes($$$"""{"workflow": "{{{name}}}", "input": {"who": "A?a"}}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = invalid;

        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/executions", Bodies.Raw(bytes, "application/json"), Token), HttpStatusCode.BadRequest);

        Assert.Equal("The request body is not valid UTF-8.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await StoredState.ReadAsync(fixture.Factory, Token));
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        var body = "{\"name\": \"" + new string('x', 1024 * 1024) + "\"}";

        await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/workflows", Bodies.Json(body), Token), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\": \"" + new string('x', 1024 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workflows") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await HttpAssert.ProblemAsync(await Client.SendAsync(request, Token), HttpStatusCode.RequestEntityTooLarge);
    }
}
