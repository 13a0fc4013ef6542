using WfaaS.Api.Telemetry;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Telemetry;

/// <summary>
/// The service's own OTLP exporters (SPEC §10: export by OTLP when <c>OpenTelemetry:Otlp:Endpoint</c>
/// is set) against a real HTTP collector stand-in. Over HTTP/protobuf every signal has its own path
/// below the endpoint, as a collector on :4318 expects. An exporter's listener hears every service in
/// the process, so this runs with the other telemetry tests, alone.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class OtlpExportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HttpProtobuf_PostsTracesAndMetricsToTheirSignalPaths()
    {
        await using var collector = await FakeExternalSystem.StartAsync();
        await using var database = new SqliteTestDatabase();
        await using var factory = new WfaasApiFactory(database, new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.OtlpEndpointKey] = collector.BaseUrl.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export within the test's patience rather than after the SDK's 5 s and 60 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "100",
        });
        var client = factory.CreateClient();
        var name = await PostDefinitionAsync(client, $$$"""{"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}""", Token);
        await StartAsync(client, name, "{}", Token);

        var traces = await collector.WaitForRequestAsync("/v1/traces", Token);
        var metrics = await collector.WaitForRequestAsync("/v1/metrics", Token);

        Assert.Equal(("POST", "POST"), (traces.Method, metrics.Method));
        Assert.NotEmpty(traces.Body);
        Assert.DoesNotContain(collector.Received, r => r.Path is not ("/v1/traces" or "/v1/metrics"));
    }

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://otel.example/ingest/", "https://otel.example/ingest/v1/traces")]
    public void SignalEndpoint_HttpProtobuf_AppendsTheSignalPath(string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), TelemetryServiceCollectionExtensions.SignalEndpoint(new Uri(endpoint), OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "v1/traces"));

    [Fact]
    public void SignalEndpoint_Grpc_IsTheEndpointItself() =>
        Assert.Equal(new Uri("http://collector:4317"), TelemetryServiceCollectionExtensions.SignalEndpoint(new Uri("http://collector:4317"), OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, "v1/traces"));
}
