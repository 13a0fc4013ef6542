using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using WfaaS.Bench.Target;

namespace WfaaS.Bench.Tests;

/// <summary>The telemetry workload's proof that tracing was on: the sink counts the spans a real OTLP/HTTP exporter sends it.</summary>
public sealed class OtlpSinkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receive_FromTheRealOtlpHttpExporter_CountsEverySpanOnTracesPath()
    {
        await using var sink = await OtlpSink.StartAsync(Token);
        using var source = new ActivitySource("WfaaS.Bench.Tests." + Guid.NewGuid().ToString("N"));
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri(sink.BaseUrl, OtlpSink.TracesPath);
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build())
        {
            using (var parent = source.StartActivity("parent"))
            {
                parent?.SetTag("wfaas.execution.id", "e1");
                using (source.StartActivity("child one"))
                {
                }

                using (source.StartActivity("child two"))
                {
                }
            }

            provider.ForceFlush();
        }

        var traces = sink.Count(OtlpSink.TracesPath);
        Assert.Equal(3, traces.Spans);
        Assert.Equal(1, traces.Requests);   // one batch, flushed
        Assert.True(traces.Bytes > 0);
        Assert.Equal(0, sink.Malformed);
        Assert.Equal([OtlpSink.TracesPath], sink.All().Select(c => c.Path));
    }

    [Fact]
    public void CountSpans_TwoResourcesWithScopes_CountsSpansOnly()
    {
        // resource_spans(1) { resource(1) {}, scope_spans(2) { scope(1) {}, span(2) {trace_id(1)}, span(2) {} } }, resource_spans(1) { scope_spans(2) { span(2) {} } }
        byte[] span = [0x12, 0x02, 0x0A, 0x00];
        byte[] emptySpan = [0x12, 0x00];
        byte[] scopeSpans1 = [0x12, (byte)(2 + span.Length + emptySpan.Length), 0x0A, 0x00, .. span, .. emptySpan];
        byte[] resourceSpans1 = [0x0A, 0x00, .. scopeSpans1];
        byte[] scopeSpans2 = [0x12, (byte)emptySpan.Length, .. emptySpan];
        byte[] request = [0x0A, (byte)resourceSpans1.Length, .. resourceSpans1, 0x0A, (byte)scopeSpans2.Length, .. scopeSpans2];

        Assert.Equal(3, OtlpProtobuf.CountSpans(request));
    }

    [Fact]
    public void CountSpans_FieldRunningPastTheEnd_Throws() =>
        Assert.Throws<FormatException>(() => OtlpProtobuf.CountSpans([0x0A, 0x05, 0x12]));
}
