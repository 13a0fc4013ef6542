using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests.Telemetry;

/// <summary>
/// A Prometheus scrape and the health probes come every few seconds and are not the service's
/// work: they get no server span (docs/observability.md), while an API request does. A tracer
/// provider hears every service in the process, so this runs with the other telemetry tests, alone.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class ScrapeTracingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScrapeAndProbes_HaveNoServerSpan_AnApiRequestHasOne()
    {
        var spans = new List<Activity>();
        await using var database = new SqliteTestDatabase();
        await using var factory = new WfaasApiFactory(database, services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans)));
        var client = factory.CreateClient();

        foreach (var path in new[] { "/metrics", "/healthz", "/readyz", "/api/v1/workflows" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The server span ends after the response is written: wait for the API request's.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(CommitWatcher.Patience);
        while (!ServerPaths(spans).Contains("/api/v1/workflows"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), patience.Token);
        }

        Assert.DoesNotContain(ServerPaths(spans), p => p is "/metrics" or "/healthz" or "/readyz");
    }

    private static List<string?> ServerPaths(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans.Where(s => s.Kind == ActivityKind.Server).Select(s => s.GetTagItem("url.path") as string)];
        }
    }
}
