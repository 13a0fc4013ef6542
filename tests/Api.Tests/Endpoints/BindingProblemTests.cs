using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>
/// SPEC §7: a request ASP.NET Core cannot bind (no body, the JSON null, malformed JSON, a query
/// value of the wrong type) is a 400 problem in our own words, never the framework's message
/// ("Implicit body inferred for parameter…", "Failed to bind parameter "Nullable&lt;int&gt; limit"…").
/// Every POST endpoint the app maps is tried, so a new endpoint is covered without a new test.
/// </summary>
public sealed class BindingProblemTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    /// <summary>Phrases and shapes of the framework's binding messages, and of .NET type names.</summary>
    internal static readonly string[] FrameworkText =
        ["Implicit body", "inferred", "Did you mean", "Service instead", "Failed to read parameter", "Failed to bind parameter",
         "Required parameter", "Nullable<", "System.", "Request", "was not provided", "The request failed with status"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Factory.CreateClient();

    [Fact]
    public async Task RunTo_WithoutBody_Returns400NamingTheExpectedBody()
    {
        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync($"/api/v1/executions/{Guid.NewGuid()}/run-to", content: null, Token), HttpStatusCode.BadRequest);

        Assert.Equal(
            "The request has no body (or the JSON null); this endpoint takes a JSON object (Content-Type: application/json), for example {\"checkpoint\":\"booted\"}",
            problem.GetProperty("detail").GetString());
        Assert.Equal("Malformed request", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task StartExecution_MalformedJson_Returns400WithThePosition()
    {
        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/executions", Bodies.Json("{\"workflow\": 5}"), Token), HttpStatusCode.BadRequest);

        Assert.StartsWith("The request body is not JSON of the expected shape at $.workflow (line 1, byte ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("for example {\"workflow\":\"provision\",\"input\":{\"image\":\"debian-13\"}}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/executions?limit=abc", "'limit' must be a whole number; got 'abc'.")]
    [InlineData("/api/v1/executions/00000000-0000-0000-0000-000000000001/history?after_seq=x", "'after_seq' must be a whole number; got 'x'.")]
    public async Task Get_QueryValueOfTheWrongType_Returns400InOurWords(string path, string detail)
    {
        var problem = await HttpAssert.ProblemAsync(await Client.GetAsync(path, Token), HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StartExecution_NotJson_Returns415InOurWords()
    {
        var problem = await HttpAssert.ProblemAsync(
            await Client.PostAsync("/api/v1/executions", new StringContent("x", Encoding.UTF8, "text/plain"), Token), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("Content-Type 'text/plain; charset=utf-8' is not supported; send application/json (UTF-8).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EveryPostEndpoint_UnbindableBodies_AnswerAProblemWithoutFrameworkText()
    {
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("/api/v1/executions/{id:guid}/run-to", endpoints);
        Assert.True(endpoints.Count >= 12, string.Join(", ", endpoints));
        HttpContent?[] bodies = [null, Bodies.Json(""), Bodies.Json("null"), Bodies.Json("{"), Bodies.Json("[1]"), Bodies.Json("\"x\""),
            Bodies.Json("{\"a\": }"), Bodies.Json("{\"workflow\": 5, \"status\": 5, \"decision\": 5, \"checkpoint\": [], \"name\": {}}")];
        var answered = 0;

        foreach (var pattern in endpoints)
        {
            var path = pattern.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{token}", "not-a-token", StringComparison.Ordinal);
            foreach (var body in bodies)
            {
                var response = await Client.PostAsync(path, body is null ? null : await CopyAsync(body), Token);
                var text = await response.Content.ReadAsStringAsync(Token);
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{pattern} answered {status}: {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
                Assert.All(FrameworkText, phrase => Assert.False(detail.Contains(phrase, StringComparison.Ordinal), $"{pattern} ({status}): {detail}"));
                answered++;
            }
        }

        Assert.Equal(endpoints.Count * bodies.Length, answered);
    }

    private static async Task<HttpContent> CopyAsync(HttpContent content)
    {
        var copy = new ByteArrayContent(await content.ReadAsByteArrayAsync(Token));
        copy.Headers.ContentType = content.Headers.ContentType;
        return copy;
    }
}
