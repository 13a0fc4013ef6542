using System.Text;
using System.Text.Json;

namespace WfaaS.Bench;

/// <summary>The comparisons (every figure beside its floor or target, as a ratio), the printed table and the JSON file.</summary>
internal static class Report
{
    /// <summary>SPEC §9 targets, reported and never enforced.</summary>
    public const double Linear10TargetRatio = 0.5;
    public const double CallbackTargetRatio = 5;

    /// <summary>Issue 11: a step on an execution with 10,000 instances costs no more than 2× one with 10.</summary>
    public const double FanOutStepTargetRatio = 2;
    public const double RssGrowthTarget = 0.10;

    /// <summary>Issue 15: a waiting execution stores at most 512 bytes; 1,000 timers fire with p99 lateness ≤ 5 ms, 10,000 due in one second ≤ 50 ms.</summary>
    public const double BytesPerWaitingTarget = 512;
    public const double TimerLatenessTargetMs = 5;
    public const double TimerBurstLatenessTargetMs = 50;

    /// <summary>Issue 15: a callback's p99 to SUCCESS at most 5 ms.</summary>
    public const double CallbackP99TargetMs = 5;

    /// <summary>Issue 15: linear10 at least half the service floor's requests/s.</summary>
    public const double ServiceFloorTargetRatio = 0.5;

    /// <summary>Issue 13: tracing and metrics on (always-on sampling) cost at most 5 % of linear10's throughput…</summary>
    public const double TelemetryThroughputTargetRatio = 0.95;

    /// <summary>…and (the same 5 %) of the callback's p50.</summary>
    public const double TelemetryLatencyTargetRatio = 1.05;

    /// <summary>Issue 15: 1,000 executions of one 500 ms http call finish within 5 s.</summary>
    public const double HttpSecondsPerThousandTarget = 5;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Every figure stands beside the faster of the two floor measurements (before the service
    /// starts, and once the workloads are done): the disk's speed drifts, and the faster floor
    /// makes the stricter reference.
    /// </summary>
    public static IReadOnlyList<Comparison> Compare(Results r)
    {
        var rows = new List<Comparison>();
        var floors = new[] { r.Floor, r.FloorAfter }.OfType<FloorResult>().ToList();
        var floor = floors.Count == 0 ? null : new
        {
            Rate = floors.Max(f => f.Single.CommitsPerSecond),
            ConcurrentRate = floors.Max(f => f.Concurrent.CommitsPerSecond),
            Connections = floors[0].Concurrent.Connections,
            P50 = floors.Min(f => f.Single.Commit.P50Ms),
            P99 = floors.Min(f => f.Single.Commit.P99Ms),
            Of = floors.Count == 2 ? ", best of 2" : string.Empty,
        };
        if (r.Linear10 is { } linear && floor is not null)
        {
            rows.Add(Row("linear10", "executions/s", linear.ExecutionsPerSecond, $"floor commits/s, 1 conn{floor.Of}", floor.Rate,
                Linear10TargetRatio, atLeast: true, "ratio ≥ 0.5"));
            if (floor.Connections > 1)
            {
                rows.Add(Row("linear10", "executions/s", linear.ExecutionsPerSecond, $"floor commits/s, {floor.Connections} conns{floor.Of}", floor.ConcurrentRate));
            }
        }

        if (r.ServiceFloor is { } service)
        {
            if (r.Linear10 is { } linear10)
            {
                rows.Add(Row("linear10", "executions/s", linear10.ExecutionsPerSecond, $"service floor requests/s, {service.Concurrency} clients", service.RequestsPerSecond,
                    ServiceFloorTargetRatio, atLeast: true, "ratio ≥ 0.5"));
            }

            if (r.Callback is { } callback10)
            {
                rows.Add(Row("callback", "p50 ms to SUCCESS", callback10.ToSuccess.P50Ms, "service floor request p50 ms, 1 client", service.SequentialRequest.P50Ms));
                rows.Add(Row("callback", "p99 ms to SUCCESS", callback10.ToSuccess.P99Ms, "service floor request p99 ms, 1 client", service.SequentialRequest.P99Ms));
            }

            if (r.Waiting is { } waiting10)
            {
                rows.Add(Row("waiting", "creations/s", waiting10.CreationsPerSecond, $"service floor requests/s, {service.Concurrency} clients", service.RequestsPerSecond));
            }

            if (floor is not null)
            {
                rows.Add(Row("service floor", "requests/s", service.RequestsPerSecond, $"floor commits/s, {floor.Connections} conns{floor.Of}", floor.ConcurrentRate));
            }
        }

        if (r.Http is { } http)
        {
            // The target is for the issue's size; smaller runs are mostly the 500 ms of one call.
            rows.Add(http.Executions >= 1000
                ? Row("http", $"s for {http.Executions} × 500 ms calls", http.Seconds, "target s", HttpSecondsPerThousandTarget * http.Executions / 1000.0, 1, atLeast: false, "≤ 5 s per 1,000")
                : Row("http", $"s for {http.Executions} × 500 ms calls", http.Seconds, "one call's latency s", http.EndpointLatencyMs / 1000));
            rows.Add(Row("http", "most calls in flight", http.MaxInFlight, "executions", http.Executions));
        }

        if (r.Callback is { } callback && floor is not null)
        {
            rows.Add(Row("callback", "p50 ms to SUCCESS", callback.ToSuccess.P50Ms, $"commit p50 ms{floor.Of}", floor.P50));
            rows.Add(Row("callback", "p99 ms to SUCCESS", callback.ToSuccess.P99Ms, $"commit p99 ms{floor.Of}", floor.P99,
                CallbackTargetRatio, atLeast: false, "ratio ≤ 5"));
            rows.Add(Row("callback", "p99 ms to SUCCESS", callback.ToSuccess.P99Ms, "target ms", CallbackP99TargetMs, 1, atLeast: false, "≤ 5 ms"));
            rows.Add(Row("callback", "service bytes allocated per callback", callback.ServiceAllocatedBytesPerCallback, "gen0 collections", callback.ServiceGen0Collections));
            rows.Add(Row("callback", "service GC pause ms, all callbacks", callback.ServiceGcPauseMs, "callbacks", callback.Executions));
        }

        if (r.Waiting is { } waiting)
        {
            if (floor is not null)
            {
                rows.Add(Row("waiting", "creations/s", waiting.CreationsPerSecond, $"floor commits/s, 1 conn{floor.Of}", floor.Rate));
            }

            rows.Add(Row("waiting", "RSS growth 10%→100% (%)", waiting.RssGrowth10To100 * 100, "target %", RssGrowthTarget * 100, 1, atLeast: false, "≤ 10 %"));
            rows.Add(Row("waiting", "DB bytes / waiting execution", waiting.DatabaseBytesPerExecution, "target bytes", BytesPerWaitingTarget, 1, atLeast: false, "≤ 512 B"));
        }

        if (r.FanOut is { } fanOut)
        {
            if (r.Linear10 is { } linear10)
            {
                // The same number of noop tasks run as linear10 executions, ten to an execution.
                rows.Add(Row("fan-out", $"s to SUCCESS, {fanOut.Elements} noops", fanOut.NoopSeconds, "s for as many noops in linear10", fanOut.Elements / 10.0 / linear10.ExecutionsPerSecond));
            }

            rows.Add(Row("fan-out", $"callback p50 ms, {fanOut.Elements} elements", fanOut.LargeCallback.P50Ms, "same, 10 elements", fanOut.SmallCallback.P50Ms,
                FanOutStepTargetRatio, atLeast: false, "ratio ≤ 2"));
            if (r.Callback is { } single)
            {
                rows.Add(Row("fan-out", $"callback p50 ms, {fanOut.Elements} elements", fanOut.LargeCallback.P50Ms, "callback request p50 ms, one task", single.CallbackRequest.P50Ms));
            }
        }

        if (r.Timers is { } timers)
        {
            rows.Add(Row("timers", "lateness p50 ms", timers.Lateness.P50Ms, "target ms", TimerLatenessTargetMs));
            rows.Add(Row("timers", "lateness p99 ms", timers.Lateness.P99Ms, "target ms", TimerLatenessTargetMs, 1, atLeast: false, "≤ 5 ms"));
            rows.Add(Row("timers", "lateness max ms", timers.Lateness.MaxMs, "target ms", TimerLatenessTargetMs));
        }

        if (r.TimerBurst is { Lateness.Count: > 0 } burst)
        {
            var figure = $"{burst.Executions} due in {burst.WindowSeconds:0} s: lateness";
            rows.Add(Row("timer-burst", $"{figure} p50 ms", burst.Lateness.P50Ms, "target ms", TimerBurstLatenessTargetMs));
            rows.Add(Row("timer-burst", $"{figure} p99 ms", burst.Lateness.P99Ms, "target ms", TimerBurstLatenessTargetMs, 1, atLeast: false, "≤ 50 ms"));
            rows.Add(Row("timer-burst", $"{figure} max ms", burst.Lateness.MaxMs, "target ms", TimerBurstLatenessTargetMs));
        }

        if (r.Telemetry is { } telemetry)
        {
            var (off, on, of) = (telemetry.Off, telemetry.On, Invariant($"{telemetry.Rounds} legs"));
            rows.Add(Row("telemetry", $"linear10 executions/s on, median of {of}", on.Linear10ExecutionsPerSecond.Median, "telemetry off, median", off.Linear10ExecutionsPerSecond.Median,
                TelemetryThroughputTargetRatio, atLeast: true, "ratio ≥ 0.95"));
            rows.Add(Row("telemetry", $"linear10 executions/s on, best of {of}", on.Linear10ExecutionsPerSecond.Best, "telemetry off, best", off.Linear10ExecutionsPerSecond.Best));
            rows.Add(Row("telemetry", $"callback p50 ms on, median of {of}", on.CallbackP50Ms.Median, "telemetry off, median", off.CallbackP50Ms.Median,
                TelemetryLatencyTargetRatio, atLeast: false, "ratio ≤ 1.05"));
            rows.Add(Row("telemetry", $"callback p50 ms on, best of {of}", on.CallbackP50Ms.Best, "telemetry off, best", off.CallbackP50Ms.Best));
            rows.Add(Row("telemetry", $"callback p99 ms on, median of {of}", on.CallbackP99Ms.Median, "telemetry off, median", off.CallbackP99Ms.Median));
            rows.Add(Row("telemetry", $"callback p99 ms on, best of {of}", on.CallbackP99Ms.Best, "telemetry off, best", off.CallbackP99Ms.Best));
            rows.Add(Row("telemetry", "service CPU ms / linear10 execution on, median", on.ServiceCpuMsPerLinear10Execution.Median, "telemetry off, median", off.ServiceCpuMsPerLinear10Execution.Median));
            rows.Add(Row("telemetry", "spans received by the OTLP sink", telemetry.SpansReceived, "executions on the on service", telemetry.ExecutionsOn));
        }

        return rows;
    }

    public static string Table(Results r)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"WfaaS bench — {r.Database ?? "no database yet"}{(r.DatabaseLocation is { } at ? $" ({at})" : string.Empty)}, commit {r.Commit[..Math.Min(12, r.Commit.Length)]}, {r.Machine.Cores} cores, {r.Machine.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB{(r.Quick ? ", --quick" : string.Empty)}"));
        text.AppendLine(Invariant($"sizes: n={r.Sizes.N} c={r.Sizes.C} m={r.Sizes.M} k={r.Sizes.K} timers={r.Sizes.Timers} burst={r.Sizes.Burst}"));
        foreach (var (floor, when) in new[] { (r.Floor, "before the service starts"), (r.FloorAfter, "after the workloads") })
        {
            if (floor is null)
            {
                continue;
            }

            text.AppendLine();
            text.AppendLine(Invariant($"floor {when} (INSERT one row + COMMIT into {floor.Table}):"));
            foreach (var run in new[] { floor.Single, floor.Concurrent })
            {
                text.AppendLine(Invariant($"  {run.Connections,2} conn: {run.CommitsPerSecond,9:0.0} commits/s   commit p50 {run.Commit.P50Ms:0.000} ms  p99 {run.Commit.P99Ms:0.000} ms  ({run.Commits} commits in {run.Seconds:0.0} s)"));
            }
        }

        if (r.Waiting is { } waiting)
        {
            text.AppendLine();
            text.AppendLine("waiting RSS: " + string.Join("  ", waiting.Rss.Select(m => Invariant($"{m.Share:P0} ({m.Waiting}) {m.RssBytes / (1024.0 * 1024):0.0} MiB"))));
            text.AppendLine(Invariant($"waiting DB: {waiting.DatabaseBytesBefore / (1024.0 * 1024):0.00} MiB → {waiting.DatabaseBytesAfter / (1024.0 * 1024):0.00} MiB ({waiting.SizeMeasure})"));
        }

        if (r.Warmup is { } warmup)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"warm-up: {warmup.Seconds:0.0} s of load ({warmup.Linear10Starts} linear10, {warmup.Callbacks} callbacks, {warmup.Waits + warmup.BurstWaits} waits), then the service's JIT {(warmup.JitWentQuiet ? "went quiet" : "was still compiling")} after {warmup.JitQuietSeconds:0.0} s"));
        }

        if (r.ServiceFloor is { } serviceFloor)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"service floor (bench/WfaaS.ServiceFloor: POST /rows, one INSERT + COMMIT): {serviceFloor.RequestsPerSecond:0.0} requests/s with {serviceFloor.Concurrency} clients (p50 {serviceFloor.Request.P50Ms:0.000} ms, p99 {serviceFloor.Request.P99Ms:0.000} ms); one at a time p50 {serviceFloor.SequentialRequest.P50Ms:0.000} ms, p99 {serviceFloor.SequentialRequest.P99Ms:0.000} ms"));
        }

        if (r.Http is { } httpCalls)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"http: {httpCalls.Executions} executions of one {httpCalls.EndpointLatencyMs:0} ms call started in {httpCalls.StartSeconds:0.0} s, all SUCCESS after {httpCalls.Seconds:0.00} s (service: first task start to last finish {httpCalls.ServerSeconds:0.00} s); at most {httpCalls.MaxInFlight} calls in flight; service CPU {httpCalls.ServiceCpuMsPerExecution:0.000} ms per execution"));
        }

        if (r.Callback is { } callbackRun)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"callback: {callbackRun.Executions} one at a time after {callbackRun.Warmup} untimed, once the service's JIT {(callbackRun.JitWentQuiet ? "went quiet" : "was still compiling")} after {callbackRun.JitQuietSeconds:0.0} s; {callbackRun.ServiceJitMethodsTimed:0} methods compiled while timed"));
        }

        if (r.Timers is { } timers)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"timers: {timers.Executions} started in {timers.StartSeconds:0.0} s; lateness vs started_at+2s p50 {timers.Lateness.P50Ms:0.0} ms p99 {timers.Lateness.P99Ms:0.0} ms min {timers.Lateness.MinMs:0.0} ms; vs due_at p50 {timers.LatenessVsDueAt.P50Ms:0.0} ms p99 {timers.LatenessVsDueAt.P99Ms:0.0} ms"));
        }

        if (r.TimerBurst is { } timerBurst)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"timer-burst: {timerBurst.Executions} started in {timerBurst.StartSeconds:0.0} s, due {timerBurst.LeadSeconds:0.0} s after the first start within {timerBurst.WindowSeconds:0} s ({timerBurst.StartedLate} started after their due time, left out); lateness vs until p50 {timerBurst.Lateness.P50Ms:0.0} ms p99 {timerBurst.Lateness.P99Ms:0.0} ms max {timerBurst.Lateness.MaxMs:0.0} ms; service CPU {timerBurst.ServiceCpuMsPerFire:0.000} ms per fire")
                + (timerBurst.DatabaseCpuMsPerFire is { } database ? Invariant($", database server CPU {database:0.000} ms per fire") : string.Empty));
        }

        if (r.Telemetry is { } telemetry)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"telemetry (off: no OTLP endpoint; on: {string.Join(" ", telemetry.OnEnvironment.Select(e => $"{e.Key}={e.Value}"))}, /metrics scraped every 1 s), legs in the order they ran:"));
            foreach (var leg in telemetry.Legs)
            {
                text.AppendLine(Invariant($"  {leg.Leg,2} {leg.Telemetry,-3}  linear10 {leg.Linear10.ExecutionsPerSecond,8:0.0} executions/s  service CPU {leg.ServiceCpuMsPerLinear10Execution:0.000} ms/execution   callback p50 {leg.Callback.ToSuccess.P50Ms:0.000} ms  p99 {leg.Callback.ToSuccess.P99Ms:0.000} ms{(leg.MetricsScrapes > 0 ? $"   {leg.MetricsScrapes} scrapes" : string.Empty)}"));
            }

            text.AppendLine("  OTLP sink: " + string.Join("; ", telemetry.Sink.Select(s => Invariant($"{s.Path} {s.Requests} requests, {s.Bytes / 1024.0:0.0} KiB{(s.Spans > 0 ? $", {s.Spans} spans" : string.Empty)}"))) +
                Invariant($" ({telemetry.SpansPerExecution:0.0} spans per execution on the on service{(telemetry.SinkMalformed > 0 ? $", {telemetry.SinkMalformed} unreadable" : string.Empty)})"));
        }

        if (r.Comparisons.Count > 0)
        {
            string[] header = ["workload", "figure", "value", "beside (same run)", "reference", "ratio", "target", "meets"];
            var cells = r.Comparisons.Select(c => new[]
            {
                c.Workload, c.Figure, Number(c.Value), c.Reference, Number(c.ReferenceValue), Invariant($"{c.Ratio:0.000}"),
                c.Target ?? "", c.MeetsTarget switch { true => "yes", false => "NO", null => "" },
            }).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(row => row[i].Length))).ToArray();
            text.AppendLine();
            text.AppendLine(Line(header, widths));
            text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
            foreach (var row in cells)
            {
                text.AppendLine(Line(row, widths));
            }
        }

        text.AppendLine();
        text.AppendLine(Invariant($"targets are reported, not enforced; total {r.TotalSeconds:0.0} s"));
        return text.ToString();
    }

    public static async Task WriteJsonAsync(Results results, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        await using var file = File.Create(full);
        await JsonSerializer.SerializeAsync(file, results, Json, cancellationToken);
    }

    private static Comparison Row(string workload, string figure, double value, string reference, double referenceValue) =>
        new(workload, figure, value, reference, referenceValue, value / referenceValue, null, null);

    private static Comparison Row(
        string workload, string figure, double value, string reference, double referenceValue, double targetRatio, bool atLeast, string target)
    {
        var ratio = value / referenceValue;
        return new(workload, figure, value, reference, referenceValue, ratio, target, atLeast ? ratio >= targetRatio : ratio <= targetRatio);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i is 2 or 4 or 5 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static string Number(double value) => Math.Abs(value) switch
    {
        >= 1000 => Invariant($"{value:0}"),
        >= 10 => Invariant($"{value:0.0}"),
        _ => Invariant($"{value:0.000}"),
    };

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
