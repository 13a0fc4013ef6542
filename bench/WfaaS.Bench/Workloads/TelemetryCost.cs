using WfaaS.Bench.Databases;
using WfaaS.Bench.Target;

namespace WfaaS.Bench.Workloads;

/// <summary>One leg: linear10 then callback on one of the two services, and what the service spent on it.</summary>
/// <param name="Telemetry"><c>off</c> or <c>on</c>.</param>
/// <param name="Leg">1, 2, … in the order the legs ran.</param>
/// <param name="Linear10">The linear10 workload at --n, as it runs alone.</param>
/// <param name="Callback">The callback workload at --m, as it runs alone.</param>
/// <param name="ServiceCpuMsPerLinear10Execution">The service's CPU time (user + system) over the linear10 part, per execution started (timed and untimed).</param>
/// <param name="MetricsScrapes">GET /metrics answered during the leg (on only).</param>
internal sealed record TelemetryLeg(
    string Telemetry, int Leg, Linear10Result Linear10, CallbackResult Callback, double ServiceCpuMsPerLinear10Execution, int MetricsScrapes);

/// <summary>The median and the best of one figure over one side's legs (best: highest rate, lowest time).</summary>
internal sealed record Spread(double Median, double Best);

/// <summary>One side (telemetry off or on) over its legs.</summary>
internal sealed record TelemetrySide(
    Spread Linear10ExecutionsPerSecond, Spread CallbackP50Ms, Spread CallbackP99Ms, Spread ServiceCpuMsPerLinear10Execution);

/// <summary>On ÷ off of each side's median and best.</summary>
internal sealed record TelemetryRatios(
    double Linear10ExecutionsPerSecondMedian,
    double Linear10ExecutionsPerSecondBest,
    double CallbackP50MsMedian,
    double CallbackP50MsBest,
    double CallbackP99MsMedian,
    double CallbackP99MsBest,
    double ServiceCpuMsPerLinear10ExecutionMedian);

/// <summary>
/// The telemetry workload's figures: every leg in the order it ran, each side's median and best,
/// their ratios, and what the OTLP sink received from the on service (spans prove tracing was on).
/// </summary>
internal sealed record TelemetryCostResult(
    int Rounds,
    IReadOnlyList<string> Order,
    IReadOnlyDictionary<string, string> OnEnvironment,
    IReadOnlyList<TelemetryLeg> Legs,
    TelemetrySide Off,
    TelemetrySide On,
    TelemetryRatios OnVsOff,
    IReadOnlyList<OtlpSignalCount> Sink,
    long SpansReceived,
    int ExecutionsOn,
    double SpansPerExecution,
    int MetricsScrapes,
    long SinkMalformed);

/// <summary>
/// Open issue 13: what tracing and metrics cost. Two services from the same build, each on its own
/// fresh database of the run's kind, alive side by side: <b>off</b> as every other workload runs it
/// (no OTLP endpoint: no tracer provider, metrics only on <c>/metrics</c>, never scraped here) and
/// <b>on</b> exporting traces (sampler always_on) and metrics by OTLP/HTTP to a sink in the bench's
/// process, with <c>/metrics</c> scraped once a second while its legs run. Both are warmed up, then
/// the legs alternate off, on, on, off, off, on… (each leg the linear10 and callback workloads at
/// --n and --m), so both databases grow alike and a drift in the machine's speed falls on both
/// sides. Only one service is driven at a time.
/// </summary>
internal static class TelemetryCost
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private static readonly string[] OffFirst = ["off", "on"];
    private static readonly string[] OnFirst = ["on", "off"];

    public static async Task<TelemetryCostResult> RunAsync(string repoRoot, string runDirectory, Options options, CancellationToken cancellationToken)
    {
        await using var sink = await OtlpSink.StartAsync(cancellationToken);
        var onEnvironment = OnEnvironment(sink.BaseUrl);
        var legs = new List<TelemetryLeg>();
        var scrapes = 0;
        var executionsOn = 0;
        {
            await using var off = await Side.StartAsync("off", repoRoot, runDirectory, new Dictionary<string, string>(StringComparer.Ordinal), options, cancellationToken);
            await using var on = await Side.StartAsync("on", repoRoot, runDirectory, onEnvironment, options, cancellationToken);

            foreach (var side in new[] { off, on })
            {
                Runner.Log($"telemetry: warming up the {side.Name} service");
                var warmup = await Warmup.RunAsync(side.Context, cancellationToken);
                if (side == on)
                {
                    executionsOn += warmup.Linear10Starts + warmup.Callbacks + warmup.Waits + warmup.BurstWaits;
                }
            }

            // One leg on each, not counted: in trial runs the first leg after the warm-up cost either
            // service up to 2.5× the CPU per execution of the later ones, on or off.
            foreach (var side in new[] { off, on })
            {
                Runner.Log($"telemetry: settling leg, {side.Name} (not counted)");
                var settle = await side.RunLegAsync(0, scrape: side == on, cancellationToken);
                if (side == on)
                {
                    executionsOn += Executions(settle);
                }
            }

            foreach (var (name, index) in Order(options.TelemetryRounds).Select((n, i) => (n, i + 1)))
            {
                var side = name == "on" ? on : off;
                Runner.Log($"telemetry: leg {index}, {name}");
                var leg = await side.RunLegAsync(index, scrape: side == on, cancellationToken);
                legs.Add(leg);
                scrapes += leg.MetricsScrapes;
                if (side == on)
                {
                    executionsOn += Executions(leg);
                }
            }

            // Leaving this block stops both services: SIGTERM, a graceful stop that flushes the on
            // service's batch of spans to the sink before the counts are read.
        }

        var sent = sink.All();
        var spans = sink.Count(OtlpSink.TracesPath).Spans;
        if (spans == 0)
        {
            var paths = sent.Count == 0 ? "nothing at all" : string.Join(", ", sent.Select(s => $"{s.Path}: {s.Requests} requests, {s.Bytes} bytes"));
            throw new BenchFailure($"telemetry: the OTLP sink received no span on {OtlpSink.TracesPath} from the on service, so tracing was not on (it received {paths}).");
        }

        if (scrapes == 0)
        {
            throw new BenchFailure("telemetry: /metrics was never scraped during the on legs.");
        }

        var offSide = Summarise(legs.Where(l => l.Telemetry == "off").ToList());
        var onSide = Summarise(legs.Where(l => l.Telemetry == "on").ToList());
        return new TelemetryCostResult(
            options.TelemetryRounds,
            [.. legs.Select(l => l.Telemetry)],
            onEnvironment.Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal) || e.Key.StartsWith("OpenTelemetry__", StringComparison.Ordinal))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            legs,
            offSide,
            onSide,
            Ratios(offSide, onSide),
            sent,
            spans,
            executionsOn,
            (double)spans / executionsOn,
            scrapes,
            sink.Malformed);
    }

    private static int Executions(TelemetryLeg leg) =>
        leg.Linear10.Executions + leg.Linear10.Warmup + leg.Callback.Executions + leg.Callback.Warmup;

    /// <summary>off, on, on, off, off, on, …: each round reverses the last, so a steady drift in the machine's speed weighs on both sides alike.</summary>
    public static IReadOnlyList<string> Order(int rounds) =>
        [.. Enumerable.Range(0, rounds).SelectMany(round => round % 2 == 0 ? OffFirst : OnFirst)];

    /// <summary>Median (the mean of the middle two for an even count) and best of each figure over one side's legs.</summary>
    public static TelemetrySide Summarise(IReadOnlyList<TelemetryLeg> legs) => new(
        new Spread(Median(legs.Select(l => l.Linear10.ExecutionsPerSecond)), legs.Max(l => l.Linear10.ExecutionsPerSecond)),
        new Spread(Median(legs.Select(l => l.Callback.ToSuccess.P50Ms)), legs.Min(l => l.Callback.ToSuccess.P50Ms)),
        new Spread(Median(legs.Select(l => l.Callback.ToSuccess.P99Ms)), legs.Min(l => l.Callback.ToSuccess.P99Ms)),
        new Spread(Median(legs.Select(l => l.ServiceCpuMsPerLinear10Execution)), legs.Min(l => l.ServiceCpuMsPerLinear10Execution)));

    public static TelemetryRatios Ratios(TelemetrySide off, TelemetrySide on) => new(
        on.Linear10ExecutionsPerSecond.Median / off.Linear10ExecutionsPerSecond.Median,
        on.Linear10ExecutionsPerSecond.Best / off.Linear10ExecutionsPerSecond.Best,
        on.CallbackP50Ms.Median / off.CallbackP50Ms.Median,
        on.CallbackP50Ms.Best / off.CallbackP50Ms.Best,
        on.CallbackP99Ms.Median / off.CallbackP99Ms.Median,
        on.CallbackP99Ms.Best / off.CallbackP99Ms.Best,
        on.ServiceCpuMsPerLinear10Execution.Median / off.ServiceCpuMsPerLinear10Execution.Median);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length switch
        {
            0 => double.NaN,
            var n when n % 2 == 1 => sorted[n / 2],
            var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
        };
    }

    /// <summary>
    /// The on service's telemetry: traces and metrics by OTLP over HTTP/protobuf to the sink, every
    /// trace sampled, and metrics exported every second (the SDK's default is 60 s, longer than a
    /// leg: exporting them often counts their cost at least in full).
    /// </summary>
    private static Dictionary<string, string> OnEnvironment(Uri sink) => new(StringComparer.Ordinal)
    {
        ["OpenTelemetry__Otlp__Endpoint"] = sink.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_TRACES_SAMPLER"] = "always_on",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    /// <summary>One of the two services: its own database, process, client and, for scrapes, a second client.</summary>
    private sealed class Side : IAsyncDisposable
    {
        private readonly BenchDatabase _database;
        private readonly ServiceProcess _service;
        private readonly WfaasClient _client;
        private readonly WfaasClient _scraper;

        private Side(string name, BenchDatabase database, ServiceProcess service, Options options)
        {
            Name = name;
            _database = database;
            _service = service;
            _client = new WfaasClient(service.BaseUrl, options.C);
            // Its own connection, so a scrape never takes one of the C clients' connections.
            _scraper = new WfaasClient(service.BaseUrl, 1);
            Context = new WorkloadContext(service, _client, database, options);
        }

        public string Name { get; }

        public WorkloadContext Context { get; }

        public static async Task<Side> StartAsync(
            string name, string repoRoot, string runDirectory, IReadOnlyDictionary<string, string> telemetry, Options options, CancellationToken cancellationToken)
        {
            var directory = Directory.CreateDirectory(Path.Combine(runDirectory, "telemetry-" + name)).FullName;
            var database = await BenchDatabase.CreateAsync(options.Pg, directory, cancellationToken);
            try
            {
                var environment = ServiceProcess.WfaasEnvironment(database);
                foreach (var (key, value) in telemetry)
                {
                    environment[key] = value;
                }

                Runner.Log($"telemetry: starting the {name} service on a fresh {database.Kind} database");
                var service = await ServiceProcess.StartAsync(ServiceProcess.ApiDll(repoRoot), environment, directory, cancellationToken);
                Runner.Log($"telemetry: the {name} service is pid {service.Pid}");
                return new Side(name, database, service, options);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        public async Task<TelemetryLeg> RunLegAsync(int index, bool scrape, CancellationToken cancellationToken)
        {
            using var stopScraping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var scraping = scrape ? ScrapeAsync(stopScraping.Token) : Task.FromResult(0);
            try
            {
                var cpuBefore = _service.CpuTime();
                var linear10 = await Linear10.RunAsync(Context, cancellationToken);
                var cpu = _service.CpuTime() - cpuBefore;
                var callback = await Callback.RunAsync(Context, cancellationToken);
                await stopScraping.CancelAsync();
                return new TelemetryLeg(Name, index, linear10, callback, cpu.TotalMilliseconds / (linear10.Executions + linear10.Warmup), await scraping);
            }
            catch (Exception e) when (e is BenchFailure or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                // Runner names no service for this workload: the failing one's output says why.
                _service.EnsureRunning();
                throw new BenchFailure($"{Name} leg {index}: {e.Message}{_service.LastOutput()}", e);
            }
            finally
            {
                await stopScraping.CancelAsync();
                await scraping.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            _scraper.Dispose();
            await _service.DisposeAsync();
            await _database.DisposeAsync();
        }

        /// <summary>GET /metrics once a second until stopped, as a Prometheus server would; each answer must hold the step counter.</summary>
        private async Task<int> ScrapeAsync(CancellationToken cancellationToken)
        {
            var scrapes = 0;
            using var timer = new PeriodicTimer(ScrapeInterval);
            try
            {
                do
                {
                    var text = await _scraper.MetricsAsync(cancellationToken);
                    if (!text.Contains("wfaas_steps_total", StringComparison.Ordinal))
                    {
                        throw new BenchFailure("telemetry: GET /metrics on the on service has no wfaas_steps_total.");
                    }

                    scrapes++;
                }
                while (await timer.WaitForNextTickAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return scrapes;
        }
    }
}
