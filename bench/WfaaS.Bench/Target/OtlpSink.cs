using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WfaaS.Bench.Target;

/// <summary>What the sink received on one path: export requests, their bytes (as sent) and, for traces, their spans.</summary>
internal sealed record OtlpSignalCount(string Path, long Requests, long Bytes, long Spans);

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 in the bench's process (Kestrel), so the service's real OTLP
/// exporter really serialises and sends every span: <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> read the whole body, count the request and its bytes (and the spans of a trace
/// export), and answer 200 with an empty body (an empty <c>Export…ServiceResponse</c>: all accepted).
/// Any other POST is answered alike and counted under its own path, so an exporter sending to the
/// wrong URL shows in the report instead of vanishing.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    public const string TracesPath = "/v1/traces";
    public const string MetricsPath = "/v1/metrics";
    public const string LogsPath = "/v1/logs";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Counter> _counts = new(StringComparer.Ordinal);
    private long _malformed;

    private OtlpSink(int port)
    {
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        _app = builder.Build();
        _app.MapPost("/{**path}", ReceiveAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Export requests the sink could not read as OTLP protobuf (counted, still answered 200).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public static async Task<OtlpSink> StartAsync(CancellationToken cancellationToken)
    {
        var sink = new OtlpSink(ServiceProcess.FreePort());
        await sink._app.StartAsync(cancellationToken);
        return sink;
    }

    /// <summary>The counts so far on <paramref name="path"/> (zero when nothing came).</summary>
    public OtlpSignalCount Count(string path) =>
        _counts.TryGetValue(path, out var c) ? c.Snapshot(path) : new OtlpSignalCount(path, 0, 0, 0);

    /// <summary>Every path that received something, with its counts, ordered by path.</summary>
    public IReadOnlyList<OtlpSignalCount> All() =>
        [.. _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Snapshot(p.Key))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var counter = _counts.GetOrAdd(request.Path.Value ?? "/", _ => new Counter());
        counter.Add(body.Length, request.Path == TracesPath ? SpansIn(body, request.Headers.ContentEncoding.ToString()) : 0);
        return Microsoft.AspNetCore.Http.Results.Bytes([], "application/x-protobuf");
    }

    private long SpansIn(MemoryStream body, string contentEncoding)
    {
        try
        {
            if (!contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return OtlpProtobuf.CountSpans(body.GetBuffer().AsSpan(0, (int)body.Length));
            }

            body.Position = 0;
            using var gzip = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return OtlpProtobuf.CountSpans(plain.GetBuffer().AsSpan(0, (int)plain.Length));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            Interlocked.Increment(ref _malformed);
            return 0;
        }
    }

    private sealed class Counter
    {
        private long _requests;
        private long _bytes;
        private long _spans;

        public void Add(long bytes, long spans)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Add(ref _spans, spans);
        }

        public OtlpSignalCount Snapshot(string path) =>
            new(path, Interlocked.Read(ref _requests), Interlocked.Read(ref _bytes), Interlocked.Read(ref _spans));
    }
}
