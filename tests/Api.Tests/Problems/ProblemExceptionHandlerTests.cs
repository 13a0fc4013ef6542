using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WfaaS.Api.Problems;

namespace WfaaS.Api.Tests.Problems;

public sealed class ProblemExceptionHandlerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseRefusingForNow_WrappedAsEfDoes_Is503WithRetryAfter()
    {
        // What EF Core threw when PostgreSQL answered 53300 "sorry, too many clients already".
        var thrown = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new FakeDbException(transient: true));

        var (status, retryAfter, problem) = await HandleAsync(thrown);

        Assert.Equal((503, "1"), (status, retryAfter));
        Assert.Equal(("Database unavailable", 503), (problem.GetProperty("title").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.DoesNotContain("53300", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseErrorThatIsNotTransient_StaysA500WithoutRetryAfter()
    {
        var (status, retryAfter, problem) = await HandleAsync(new FakeDbException(transient: false));

        Assert.Equal((500, ""), (status, retryAfter));
        Assert.Equal("Internal error", problem.GetProperty("title").GetString());
    }

    private static async Task<(int Status, string RetryAfter, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers.Accept = "application/json";
        var body = new MemoryStream();
        http.Response.Body = body;

        Assert.True(await new ProblemExceptionHandler(NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(http, exception, Token));

        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(), JsonDocument.Parse(body.ToArray()).RootElement);
    }

    private sealed class FakeDbException(bool transient) : DbException("sorry, too many clients already (53300)")
    {
        public override bool IsTransient => transient;
    }
}
