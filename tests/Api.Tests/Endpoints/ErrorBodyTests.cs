using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>
/// SPEC §7: every error keeps its status whatever the request's <c>Accept</c> says — problem+json when
/// the client takes JSON, else a plain-text or (for a browser's <c>text/html</c>) HTML body — and no
/// error of the client's making is a 500.
/// </summary>
public sealed class ErrorBodyTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> NonJsonAccepts => ["text/html", "text/plain", "image/png", "text/html, application/json;q=0", "text/*"];

    [Theory]
    [MemberData(nameof(NonJsonAccepts))]
    public async Task UnknownPathAndWrongMethod_AnswerTheirStatusInTheAcceptedFormat(string accept)
    {
        var client = Client(accept);

        var notFound = await client.GetAsync("/nope", Token);
        var wrongMethod = await client.DeleteAsync("/api/v1/executions", Token);

        await AssertReadableAsync(notFound, HttpStatusCode.NotFound, accept, "No resource at '/nope'.");
        await AssertReadableAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, accept, "'DELETE' is not allowed on '/api/v1/executions'.");
    }

    [Theory]
    [MemberData(nameof(NonJsonAccepts))]
    public async Task ProblemsFromEndpointsBindingAndLimits_KeepTheirStatus(string accept)
    {
        var client = Client(accept);
        var before = await StoredAsync();

        await AssertReadableAsync(await client.GetAsync($"/api/v1/executions/{Guid.Empty}", Token), HttpStatusCode.NotFound, accept, $"Execution '{Guid.Empty}' does not exist.");
        await AssertReadableAsync(await client.GetAsync("/api/v1/executions?limit=0", Token), HttpStatusCode.BadRequest, accept, "'limit' must be between 1 and 500.");
        await AssertReadableAsync(await client.PostAsync("/api/v1/executions", Bodies.Json("{\"workflow\": "), Token), HttpStatusCode.BadRequest, accept, "The request body is not JSON of the expected shape");
        await AssertReadableAsync(
            await client.PostAsync("/api/v1/executions", Bodies.Raw(Encoding.UTF8.GetBytes("{}"), "text/plain"), Token), HttpStatusCode.UnsupportedMediaType, accept, "");
        await AssertReadableAsync(
            await client.PostAsync("/api/v1/workflows", Bodies.Yaml("name: [unclosed\nflow: {type: linear"), Token), HttpStatusCode.BadRequest, accept, "Malformed YAML");
        await AssertReadableAsync(
            await client.PostAsync("/api/v1/workflows", Bodies.Json("{\"name\": \"" + new string('x', 1024 * 1024) + "\"}"), Token),
            HttpStatusCode.RequestEntityTooLarge, accept, "larger than 1048576 bytes");
        await AssertReadableAsync(
            await client.PostAsync("/api/v1/workflows/validate", Bodies.Json("""{"name": "x", "flow": {"type": "linear", "items": [{"task": "a", "action": "teleport"}]}}"""), Token),
            (HttpStatusCode)422, accept, "invalid");

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task HtmlErrorPage_EncodesWhatTheRequestPutInIt()
    {
        // Straight into the pipeline: no HTTP client sends such a method, but the page must not trust it.
        var context = await fixture.Factory.Server.SendAsync(
            c =>
            {
                c.Request.Method = "<script>";
                c.Request.Path = "/api/v1/executions";
                c.Request.Headers.Accept = "text/html";
            },
            Token);

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, context.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        Assert.Equal("default-src 'none'", context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync(Token);
        Assert.Contains("<p>&#x27;&lt;script&gt;&#x27; is not allowed on &#x27;/api/v1/executions&#x27;.</p>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("application/json")]
    public async Task AcceptTakingJson_GetsProblemJson(string? accept)
    {
        var response = await Client(accept).GetAsync("/nope", Token);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("No resource at '/nope'.", problem.GetProperty("detail").GetString());
    }

    /// <summary>The status, a body in a format the client accepts (problem+json when it takes JSON), carrying the detail.</summary>
    private static async Task<string> AssertReadableAsync(HttpResponseMessage response, HttpStatusCode status, string accept, string detail)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(status == response.StatusCode, $"expected {(int)status} for Accept '{accept}', got {(int)response.StatusCode}: {body}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        switch (mediaType)
        {
            case "application/problem+json":
                // What endpoints return as a ProblemHttpResult stays JSON: RFC 9457 is the contract.
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
                Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                break;
            case "text/html":
                Assert.StartsWith("text/", accept, StringComparison.Ordinal);
                Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
                Assert.Contains($"<h1>{(int)status} ", body, StringComparison.Ordinal);
                Assert.Contains(HtmlEncoder.Default.Encode(detail), body, StringComparison.Ordinal);
                break;
            case "text/plain":
                Assert.DoesNotContain("text/html", accept, StringComparison.Ordinal);
                Assert.StartsWith($"{(int)status} ", body, StringComparison.Ordinal);
                Assert.Contains(detail, body, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"{(int)response.StatusCode} for Accept '{accept}' came as '{mediaType}': {body}");
                break;
        }

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet ?? "utf-8");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return body;
    }

    private async Task<(int, int)> StoredAsync() =>
        await fixture.Factory.QueryAsync(async db => (await db.WorkflowDefinitions.CountAsync(Token), await db.Executions.CountAsync(Token)));

    private HttpClient Client(string? accept)
    {
        var client = fixture.Factory.CreateClient();
        if (accept is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
        }

        return client;
    }
}
