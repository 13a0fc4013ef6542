using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using WfaaS.Storage.Telemetry;

namespace WfaaS.Api.Telemetry;

/// <summary>
/// ASP.NET Core's and HttpClient's instruments, exported beside the service's own. Each metric stream
/// allocates its cardinality limit of metric points up front, 2,000 by default: ~3.7 MB of live heap
/// for the framework's streams, which need far fewer (docs/memory.md).
/// </summary>
internal static class FrameworkStreams
{
    /// <summary><c>http.server.request.duration</c>: ~35 endpoints × method × a few status codes.</summary>
    public const int RequestLimit = 500;

    /// <summary>Connections, routing, HttpClient, DNS: a few label sets each.</summary>
    public const int OtherLimit = 100;

    /// <summary>A view: the service's own instruments keep the default (<c>workflow</c> labels are the user's).</summary>
    public static MetricStreamConfiguration? Limit(Instrument instrument) =>
        instrument.Meter.Name == WfaasTelemetry.Name ? null : new MetricStreamConfiguration
        {
            CardinalityLimit = instrument.Name == "http.server.request.duration" ? RequestLimit : OtherLimit,
        };
}
