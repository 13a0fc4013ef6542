using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WfaaS.Storage.Telemetry;

namespace WfaaS.Api.Telemetry;

/// <summary>
/// OpenTelemetry (SPEC §10): metrics always, on <c>/metrics</c> and, with
/// <c>OpenTelemetry:Otlp:Endpoint</c>, by OTLP; traces whenever an exporter wants them (OTLP, or
/// one a host adds with <c>AddOpenTelemetry().WithTracing(…)</c>), and not even sampled otherwise,
/// so a service that exports no trace pays for none.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointKey = "OpenTelemetry:Otlp:Endpoint";
    public const string ServiceName = "wfaas";

    /// <summary>The runtime's own meter (.NET 9+): GC collections, pause time, allocated bytes, thread pool, JIT.</summary>
    public const string RuntimeMeter = "System.Runtime";

    public static IServiceCollection AddWfaasTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        RedactingLoggerFactory.Replace(services);
        var otlp = configuration[OtlpEndpointKey] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;

        // What a tracer provider listens to, whoever enables one.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(WfaasTelemetry.Name)
            .AddAspNetCoreInstrumentation(aspNetCore =>
            {
                // A scrape or a probe every few seconds is not the service's work: no trace of its own.
                aspNetCore.Filter = context => !IsScrapeOrProbe(context.Request.Path);
                aspNetCore.EnrichWithHttpRequest = (activity, request) =>
                {
                    // SPEC §10: never a callback token, and the path of a capability URL is one.
                    if (request.Path.Value is { } path && CapabilityPaths.Contains(path))
                    {
                        activity.SetTag("url.path", CapabilityPaths.Redact(path));
                    }
                };
            })
            .AddHttpClientInstrumentation());
        DatabaseTracing.Configure(services, configuration);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                // Built with the provider, at start-up: its instruments are reported before the first step (wfaas.step.conflicts: 0).
                metrics.AddInstrumentation(provider => provider.GetRequiredService<WfaasTelemetry>());
                metrics.AddMeter(WfaasTelemetry.Name, RuntimeMeter).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                metrics.AddView(FrameworkStreams.Limit);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = SignalEndpoint(otlp, o.Protocol, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(o => o.Endpoint = SignalEndpoint(otlp, o.Protocol, "v1/traces")));
        }

        return services;
    }

    /// <summary><c>/metrics</c> (Prometheus), <c>/healthz</c> and <c>/readyz</c> (Program.cs): not traced.</summary>
    internal static bool IsScrapeOrProbe(PathString path) =>
        path.Equals("/metrics", StringComparison.OrdinalIgnoreCase) ||
        path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) ||
        path.Equals("/readyz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where one signal is exported. <c>OpenTelemetry:Otlp:Endpoint</c> is the collector's base URL,
    /// as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is: over gRPC that is the endpoint itself; over
    /// HTTP/protobuf each signal has its own path below it (<c>v1/traces</c>, <c>v1/metrics</c>).
    /// The SDK appends that path only to an endpoint it read from <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
    /// never to one set in code, which it posts to as it is (a collector answers 404 on <c>/</c>).
    /// </summary>
    internal static Uri SignalEndpoint(Uri endpoint, OtlpExportProtocol protocol, string signalPath) =>
        protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + signalPath)
            : endpoint;
}
