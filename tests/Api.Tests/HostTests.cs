using System.Net;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests;

public sealed class HostTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_Endpoints_AreHealthy(string path)
    {
        var response = await fixture.Factory.CreateClient().GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/swagger/index.html", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
