using WfaaS.Bench.Workloads;

namespace WfaaS.Bench;

/// <summary>One figure beside what it is measured against, from the same run.</summary>
/// <param name="Workload">The workload it comes from.</param>
/// <param name="Figure">What it is, with its unit.</param>
/// <param name="Value">The measured figure.</param>
/// <param name="Reference">What it stands beside: a floor figure from this run, or a target.</param>
/// <param name="ReferenceValue">That reference's value, in the figure's unit.</param>
/// <param name="Ratio">Value ÷ reference.</param>
/// <param name="Target">The target (reported, not enforced), or null when there is none.</param>
/// <param name="MeetsTarget">Whether the ratio meets the target; null when there is none.</param>
internal sealed record Comparison(
    string Workload, string Figure, double Value, string Reference, double ReferenceValue, double Ratio, string? Target, bool? MeetsTarget);

/// <summary>Sizes the run used.</summary>
internal sealed record Sizes(int N, int C, int M, int K, int Timers, double WarmupSeconds, double FloorSeconds, double WorkloadTimeoutSeconds, int Elements, int HttpCalls, int Burst, int TelemetryRounds);

/// <summary>Everything one run measured, as written to the JSON file.</summary>
internal sealed class Results
{
    public required string StartedAt { get; init; }

    public required string CommandLine { get; init; }

    public required string Commit { get; init; }

    public required Machine Machine { get; init; }

    public required bool Quick { get; init; }

    public required Sizes Sizes { get; init; }

    public required IReadOnlyList<string> Workloads { get; init; }

    public string? Database { get; set; }

    public string? DatabaseLocation { get; set; }

    public double? ApiBuildSeconds { get; set; }

    public double? ServiceStartSeconds { get; set; }

    public int? ServicePid { get; set; }

    public FloorResult? Floor { get; set; }

    /// <summary>The floor measured again once the workloads are done (the service idle): the disk's speed drifts within a run.</summary>
    public FloorResult? FloorAfter { get; set; }

    /// <summary>bench/WfaaS.ServiceFloor driven like linear10 and callback: the simplest durable HTTP service here.</summary>
    public ServiceFloorResult? ServiceFloor { get; set; }

    public WarmupResult? Warmup { get; set; }

    public Linear10Result? Linear10 { get; set; }

    public CallbackResult? Callback { get; set; }

    public FanOutResult? FanOut { get; set; }

    public WaitingResult? Waiting { get; set; }

    public TimersResult? Timers { get; set; }

    public TimerBurstResult? TimerBurst { get; set; }

    public HttpCallsResult? Http { get; set; }

    /// <summary>Open issue 13: linear10 and callback with telemetry off and on, alternating, on two services side by side.</summary>
    public TelemetryCostResult? Telemetry { get; set; }

    public IReadOnlyList<Comparison> Comparisons { get; set; } = [];

    public double TotalSeconds { get; set; }

    public bool Ok { get; set; }

    public string? Error { get; set; }
}
