namespace WfaaS.Bench.Workloads;

/// <summary>The workflow definitions the workloads start.</summary>
internal static class Definitions
{
    public const string Linear10Name = "bench-linear10";
    public const string CallbackName = "bench-callback";
    public const string WaitingName = "bench-waiting";
    public const string TimersName = "bench-timers";
    public const string TimerBurstName = "bench-timer-burst";

    /// <summary>The <c>wait</c> duration of the timers workload, as the definition says it.</summary>
    public static readonly TimeSpan TimerDuration = TimeSpan.FromSeconds(2);

    /// <summary>Ten sequential <c>noop</c> tasks: local actions, finished inside the start request.</summary>
    public static string Linear10 { get; } =
        $$$"""{"name": "{{{Linear10Name}}}", "flow": {"type": "linear", "items": [{{{string.Join(", ", Enumerable.Range(1, 10).Select(i => $$"""{"task": "t{{i}}", "action": "noop"}"""))}}}]}}""";

    /// <summary>A delegate (parks on a callback), then a noop.</summary>
    public static string Delegate(string name) =>
        $$$"""{"name": "{{{name}}}", "flow": {"type": "linear", "items": [{"task": "job", "action": "delegate"}, {"task": "after", "action": "noop"}]}}""";

    public const string FanOutNoopName = "bench-fanout-noop";
    public const string FanOutDelegateName = "bench-fanout-delegate";

    /// <summary>SPEC §9: one execution fanning a <c>noop</c> over the elements, 1,000 at a time.</summary>
    public static string FanOutNoop { get; } =
        $$$"""{"name": "{{{FanOutNoopName}}}", "input": ["elements"], "flow": {"type": "linear", "items": [{"task": "each", "action": "noop", "for_each": "${elements}", "concurrency": 1000}]}}""";

    /// <summary>SPEC §9: a <c>delegate</c> fanned out over the elements, 10 at a time, then a noop.</summary>
    public static string FanOutDelegate { get; } =
        $$$"""{"name": "{{{FanOutDelegateName}}}", "input": ["elements"], "flow": {"type": "linear", "items": [{"task": "each", "action": "delegate", "for_each": "${elements}"}, {"task": "after", "action": "noop"}]}}""";

    public const string HttpName = "bench-http";

    /// <summary>One <c>http</c> GET of <paramref name="url"/> (the bench's slow endpoint).</summary>
    public static string Http(Uri url) =>
        $$$"""{"name": "{{{HttpName}}}", "flow": {"type": "linear", "items": [{"task": "call", "action": "http", "input": {"method": "GET", "url": "{{{url}}}"}}]}}""";

    /// <summary>A short durable wait: the warm-up drives the timer path with it.</summary>
    public static string WarmupWait { get; } =
        """{"name": "bench-warmup-wait", "flow": {"type": "linear", "items": [{"task": "nap", "action": "wait", "input": {"duration": "PT0.2S"}}]}}""";

    /// <summary>One durable <c>wait PT2S</c>.</summary>
    public static string Timers { get; } =
        $$$"""{"name": "{{{TimersName}}}", "flow": {"type": "linear", "items": [{"task": "nap", "action": "wait", "input": {"duration": "PT2S"}}]}}""";

    /// <summary>One <c>wait</c> until the time the input gives.</summary>
    public static string TimerBurst { get; } =
        $$$"""{"name": "{{{TimerBurstName}}}", "input": ["until"], "flow": {"type": "linear", "items": [{"task": "nap", "action": "wait", "input": {"until": "${until}"}}]}}""";
}
