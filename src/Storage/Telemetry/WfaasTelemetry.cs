using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Storage.Telemetry;

/// <summary>
/// The service's own spans and instruments (SPEC §10), by the names the SPEC gives them. Spans come
/// from <see cref="Source"/>, instruments from one meter named <see cref="Name"/>; the OpenTelemetry
/// SDK (wired up in the Api) listens to both. Nothing here depends on an OpenTelemetry package: the
/// BCL's <see cref="ActivitySource"/> and <see cref="Meter"/> are the API, so with no listener a
/// span is never created and a step pays one <see cref="ActivitySource.HasListeners"/> check.
/// </summary>
public sealed class WfaasTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "WfaaS";

    public const string StepSpan = "wfaas.step";
    public const string OutboxSpan = "wfaas.outbox";
    public const string TimerSpan = "wfaas.timer";

    public const string ExecutionIdAttribute = "wfaas.execution.id";
    public const string WorkflowAttribute = "wfaas.workflow";
    public const string EventAttribute = "wfaas.event";
    public const string TransitionsAttribute = "wfaas.transitions";
    public const string OutcomeAttribute = "wfaas.outcome";
    public const string OutboxKindAttribute = "wfaas.outbox.kind";
    public const string TimerKindAttribute = "wfaas.timer.kind";

    /// <summary>Spans are static by nature: an <see cref="ActivitySource"/> is looked up by name, not injected.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly double[] StepBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DelayBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    private readonly Meter _meter;
    private readonly Counter<long> _steps;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _timerLateness;
    private readonly Histogram<double> _outboxLag;
    private readonly ConcurrentDictionary<Type, string> _eventNames = new();
    private long _conflicts;

    public WfaasTelemetry(IMeterFactory? meters, WaitingCounts waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        _meter = meters?.Create(Name) ?? new Meter(Name);
        _steps = _meter.CreateCounter<long>("wfaas.steps", "{step}", "Steps run, by event and outcome (saved, unchanged, conflict, error).");
        _stepDuration = _meter.CreateHistogram("wfaas.step.duration", "s", "One step: the step function and its write.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepBuckets });

        // An observable counter is reported from start-up, 0 until the first lost race (SPEC §10).
        _meter.CreateObservableCounter("wfaas.step.conflicts", () => Interlocked.Read(ref _conflicts), "{step}",
            "Steps re-run on fresh state after losing the row-version race.");
        _started = _meter.CreateCounter<long>("wfaas.executions.started", "{execution}", "Executions created, by workflow.");
        _finished = _meter.CreateCounter<long>("wfaas.executions.finished", "{execution}", "Executions that reached a final state, by workflow and state.");
        _meter.CreateObservableGauge("wfaas.executions.waiting", waiting.Measure, "{execution}",
            "Executions waiting, by what they wait for (callback, approval, timer, child); read from the database at most every few seconds.");
        _timerLateness = _meter.CreateHistogram("wfaas.timer.lateness", "s", "A durable timer's fire time minus its due time.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DelayBuckets });
        _outboxLag = _meter.CreateHistogram("wfaas.outbox.lag", "s", "An outbox row's job start minus the commit that wrote it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DelayBuckets });
    }

    /// <summary>
    /// Starts the span of one step: under <paramref name="parent"/> when given (the execution's own
    /// context, for an event from outside), linked to the span that is current (the request);
    /// otherwise under the current span (a start's request, an outbox or timer span). Null when nobody listens.
    /// </summary>
    public Activity? StartStep(Guid executionId, string workflow, ExecutionEvent evt, string? parent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        var activity = parent is not null && ActivityContext.TryParse(parent, null, isRemote: true, out var context)
            ? Source.StartActivity(StepSpan, ActivityKind.Internal, context, links: current is null ? null : [new ActivityLink(current.Context)])
            : Source.StartActivity(StepSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ExecutionIdAttribute, executionId.ToString());
            activity.SetTag(WorkflowAttribute, workflow);
            activity.SetTag(EventAttribute, EventName(evt));
        }

        return activity;
    }

    /// <summary>
    /// Starts a span under a context stored on a row (<paramref name="traceParent"/>: an outbox row's,
    /// a timer's), so the work the row stands for joins the trace of the step that wrote it.
    /// </summary>
    public static Activity? StartFromRow(string name, ActivityKind kind, string? traceParent, Guid executionId, string kindAttribute, string rowKind)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context)
            ? Source.StartActivity(name, kind, context)
            : Source.StartActivity(name, kind);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ExecutionIdAttribute, executionId.ToString());
            activity.SetTag(kindAttribute, rowKind);
        }

        return activity;
    }

    /// <summary>What a step's span and its counters say once it is over.</summary>
    public void StepDone(Activity? activity, string name, string outcome, int transitions, long startedAt)
    {
        _steps.Add(1, new KeyValuePair<string, object?>("event", name), new KeyValuePair<string, object?>("outcome", outcome));
        _stepDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("event", name));
        if (outcome == StepOutcomes.Conflict)
        {
            Interlocked.Increment(ref _conflicts);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TransitionsAttribute, transitions);
            activity.SetTag(OutcomeAttribute, outcome);
            if (outcome == StepOutcomes.Error)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    public void ExecutionStarted(string workflow) => _started.Add(1, new KeyValuePair<string, object?>("workflow", workflow));

    public void ExecutionFinished(string workflow, ExecutionStatus state) =>
        _finished.Add(1, new KeyValuePair<string, object?>("workflow", workflow), new KeyValuePair<string, object?>("state", WireNames.Of(state)));

    public void TimerFired(TimeSpan lateness) => _timerLateness.Record(Math.Max(0, lateness.TotalSeconds));

    public void OutboxRun(TimeSpan lag, string kind) =>
        _outboxLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    /// <summary>The event as <c>wfaas.event</c> and the <c>event</c> label name it: <c>callback_received</c>.</summary>
    public string EventName(ExecutionEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        return _eventNames.GetOrAdd(evt.GetType(), EventNameOf);
    }

    public static string EventNameOf(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(eventType.Name);
    }

    public void Dispose() => _meter.Dispose();
}
