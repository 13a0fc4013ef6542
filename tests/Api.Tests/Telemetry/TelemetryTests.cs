using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Telemetry;

/// <summary>
/// SPEC §10 through OpenTelemetry's in-memory exporters: a delegate execution that waits on a
/// timer, sends its request and is completed by its callback is one trace (docs/observability.md:
/// parent-child through the rows a step leaves, a link to the request for an event from outside),
/// every SPEC metric has its points, and no log line or span carries a callback token. A meter
/// provider listens to meters by name, so it hears every service in the process: these run alone.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly LogCapture _logs = new();
    private FakeExternalSystem _external = null!;
    private WfaasApiFactory _factory = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _external = await FakeExternalSystem.StartAsync();
        _factory = new WfaasApiFactory(_database, FakeExternalSystem.AllowedHostSettings, services: services =>
        {
            services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(_spans))
                .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics));
            services.AddLogging(logging => logging.AddProvider(_logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
        await _external.DisposeAsync();
    }

    [Fact]
    public async Task DelegateCompletedByCallback_IsOneTraceOfStepTimerAndOutboxSpans_WithEverySpecMetric()
    {
        var client = _factory.CreateClient();
        var name = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "nap", "action": "wait", "input": {"duration": "PT1S"}},
              {"task": "boot", "action": "delegate", "input": {"url": "{{{_external.Url("/boot")}}}"}, "timeout": "P1D"}
            ]}}
            """, Token);
        var id = (await StartAsync(client, name, "{}", Token)).GetProperty("id").GetString()!;
        // The timer reaches the in-process wheel after the start's commit: move the clock until it fires.
        var sent = await AdvanceUntilAsync(_factory.Time, _external.WaitForRequestAsync("/boot", Token), Token);
        var callbackUrl = JsonDocument.Parse(sent.Body).RootElement.GetProperty("callback_url").GetString()!;
        var token = callbackUrl[(callbackUrl.LastIndexOf('/') + 1)..];
        await UntilSpanEndsAsync(WfaaS.Storage.Telemetry.WfaasTelemetry.OutboxSpan, id);
        Flush();
        var waitingOnCallback = Points("wfaas.executions.waiting").Where(p => Tag(p, "kind") == "callback").Max(p => p.GetGaugeLastValueLong());

        await HttpAssert.JsonAsync(await client.PostAsync(new Uri(callbackUrl).AbsolutePath, Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.OK);
        await WaitForStateAsync(_factory, id, "SUCCESS", Token);
        await UntilSpanEndsAsync(() => Spans("wfaas.step", id).Any(s => Event(s) == "callback_received"));
        await UntilSpanEndsAsync(() =>
        {
            lock (_spans)
            {
                return _spans.Any(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/api/v1/callbacks/{token}");
            }
        });
        _metrics.Clear();
        Flush();

        var steps = Spans("wfaas.step", id);
        var start = steps.Single(s => Event(s) == "execution_started");
        var fired = steps.Single(s => Event(s) == "timer_fired");
        var callback = steps.Single(s => Event(s) == "callback_received");
        var timer = Spans("wfaas.timer", id).Single();
        var outbox = Spans("wfaas.outbox", id).Single();
        var request = _spans.Single(s => s.Kind == ActivityKind.Client && s.ParentSpanId == outbox.SpanId);
        var callbackRequest = _spans.Single(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/api/v1/callbacks/{token}");

        // One trace: start → timer → its step → the outbox job it wrote → the delegate request;
        // the callback under the execution's start, linked to the request that brought it.
        Assert.All(new[] { start, fired, callback, timer, outbox, request }, s => Assert.Equal(start.TraceId, s.TraceId));
        Assert.Equal(start.SpanId, timer.ParentSpanId);
        Assert.Equal(timer.SpanId, fired.ParentSpanId);
        Assert.Equal(fired.SpanId, outbox.ParentSpanId);
        Assert.Equal(start.SpanId, callback.ParentSpanId);
        Assert.Equal(callbackRequest.Context, Assert.Single(callback.Links).Context);
        Assert.All(steps, s =>
        {
            Assert.Equal(name, s.GetTagItem("wfaas.workflow"));
            Assert.Equal("saved", s.GetTagItem("wfaas.outcome"));
            Assert.True((int)s.GetTagItem("wfaas.transitions")! > 0);
        });
        Assert.Equal("/api/v1/callbacks/{token}", callbackRequest.GetTagItem("url.path"));
        Assert.DoesNotContain(_spans, s => s.TagObjects.Any(t => t.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true) || s.DisplayName.Contains(token, StringComparison.Ordinal));

        Assert.Contains(Points("wfaas.steps"), p => Tag(p, "event") == "callback_received" && Tag(p, "outcome") == "saved" && p.GetSumLong() >= 1);
        Assert.Contains(Points("wfaas.step.duration"), p => Tag(p, "event") == "callback_received" && p.GetHistogramCount() >= 1);
        Assert.NotEmpty(Points("wfaas.step.conflicts"));
        Assert.Equal(1, Points("wfaas.executions.started").Single(p => Tag(p, "workflow") == name).GetSumLong());
        Assert.Equal(1, Points("wfaas.executions.finished").Single(p => Tag(p, "workflow") == name && Tag(p, "state") == "SUCCESS").GetSumLong());
        Assert.Equal(["approval", "callback", "child", "timer"], Points("wfaas.executions.waiting").Select(p => Tag(p, "kind")).Distinct().Order(StringComparer.Ordinal));
        Assert.True(waitingOnCallback >= 1, $"waiting on a callback: {waitingOnCallback}");
        Assert.True(Points("wfaas.timer.lateness").Sum(p => p.GetHistogramCount()) >= 1);
        Assert.Contains(Points("wfaas.outbox.lag"), p => Tag(p, "kind") == "SendDelegateRequest" && p.GetHistogramCount() >= 1);
    }

    [Fact]
    public async Task DelegateWithHeartbeatAndBadToken_NoLogLineAtAnyLevelCarriesAToken_AndStepLinesCarryExecutionAndTrace()
    {
        var client = _factory.CreateClient();
        var name = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "boot", "action": "delegate", "input": {"url": "{{{_external.Url("/boot")}}}"}, "heartbeat": "PT60S", "timeout": "P1D"}
            ]}}
            """, Token);
        var started = await StartAsync(client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var callbackUrl = started.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!;
        var token = callbackUrl[(callbackUrl.LastIndexOf('/') + 1)..];
        const string badToken = "bAdT0kenbAdT0kenbAdT0kenbAdT0kenbAdT0kenbAd";
        await _external.WaitForRequestAsync("/boot", Token);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/callbacks/{token}/heartbeat", null, Token)).StatusCode);
        await HttpAssert.ProblemAsync(await client.PostAsync($"/api/v1/callbacks/{badToken}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await client.PostAsync($"/api/v1/callbacks/{badToken}/heartbeat", null, Token), HttpStatusCode.NotFound);
        await HttpAssert.JsonAsync(await client.PostAsync($"/api/v1/callbacks/{token}", Bodies.Json("""{"status": "success"}"""), Token), HttpStatusCode.OK);
        await WaitForStateAsync(_factory, id, "SUCCESS", Token);

        var lines = _logs.Lines.ToList();
        Assert.Contains(lines, l => l.Level == LogLevel.Trace);
        Assert.DoesNotContain(lines, l => l.AllText().Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.AllText().Contains(badToken, StringComparison.Ordinal));
        // The framework's request lines are there, their paths redacted.
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Message.Contains("/api/v1/callbacks/{token}", StringComparison.Ordinal));

        // SPEC §10: a step's lines carry its execution and its trace.
        var callbackStep = lines.Single(l => l.EventId.Id == 2000 && l.Message.Contains("callback_received", StringComparison.Ordinal));
        Assert.Contains(callbackStep.Scopes, s => s.Key == "ExecutionId" && s.Value?.ToString() == id);
        var traceId = Spans("wfaas.step", id).Single(s => Event(s) == "callback_received").TraceId.ToHexString();
        Assert.Contains(callbackStep.Scopes, s => s.Key == "TraceId" && (string?)s.Value == traceId);
    }

    [Fact]
    public async Task MetricsEndpoint_ShowsEverySpecMetricInPrometheusText()
    {
        var client = _factory.CreateClient();
        var local = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [{"task": "a", "action": "noop"}]}}
            """, Token);
        var waits = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "nap", "action": "wait", "input": {"duration": "PT1S"}},
              {"task": "boot", "action": "delegate", "input": {"url": "{{{_external.Url("/boot")}}}"}}
            ]}}
            """, Token);
        await StartAsync(client, local, "{}", Token);
        await StartAsync(client, waits, "{}", Token);
        await AdvanceUntilAsync(_factory.Time, _external.WaitForRequestAsync("/boot", Token), Token);

        var response = await client.GetAsync("/metrics", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var metric in new[]
        {
            "wfaas_steps_total{", "wfaas_step_duration_seconds_bucket{", "wfaas_step_conflicts_total ", "wfaas_executions_started_total{",
            "wfaas_executions_finished_total{", "wfaas_executions_waiting{", "wfaas_timer_lateness_seconds", "wfaas_outbox_lag_seconds",
        })
        {
            Assert.Contains(metric, text, StringComparison.Ordinal);
        }

        Assert.Contains("kind=\"callback\"", text, StringComparison.Ordinal);

        // The runtime's own meter: what the bench reads a workload's garbage from.
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total{", text, StringComparison.Ordinal);
        Assert.Contains($"wfaas_executions_finished_total{{otel_scope_name=\"WfaaS\",state=\"SUCCESS\",workflow=\"{local}\"}} 1", text, StringComparison.Ordinal);
    }

    /// <summary>Exports the metrics now (the in-memory reader's; /metrics is pulled, so the provider's answer is false).</summary>
    private void Flush() => _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

    /// <summary>
    /// Waits, bounded by <see cref="CommitWatcher.Patience"/>, until a span of <paramref name="name"/>
    /// for the execution has been exported. A span can end after the last commit it follows, so a
    /// wait re-checked on commits could miss it; the exporter gives no signal of its own.
    /// </summary>
    private Task UntilSpanEndsAsync(string name, string executionId) => UntilSpanEndsAsync(() => Spans(name, executionId).Count > 0);

    private static async Task UntilSpanEndsAsync(Func<bool> exported)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
        patience.CancelAfter(CommitWatcher.Patience);
        while (!exported())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), patience.Token);
        }
    }

    private List<Activity> Spans(string name, string executionId)
    {
        lock (_spans)
        {
            return [.. _spans.Where(s => s.OperationName == name && s.GetTagItem("wfaas.execution.id") as string == executionId)];
        }
    }

    /// <summary>
    /// The exported points of <paramref name="name"/>. Every service in this test process has a meter
    /// named WfaaS, and a provider listens by name, so points of other tests' services are here too:
    /// assertions pick ours by a unique workflow name, or ask only for presence.
    /// </summary>
    private List<MetricPoint> Points(string name) => [.. _metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)];

    private static string? Event(Activity span) => span.GetTagItem("wfaas.event") as string;

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}

/// <summary>Runs <see cref="TelemetryTests"/> after the parallel tests, with no other service alive to add its points.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;
