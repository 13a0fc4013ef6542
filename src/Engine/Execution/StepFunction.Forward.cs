using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WfaaS.Engine.Actions;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    /// <summary>
    /// Reaches checkpoints, then starts every ready task together (TASKFLOW.md rule 5) and runs the
    /// local ones. False when nothing could move.
    /// </summary>
    private static bool RunWave(StepContext step)
    {
        ReachCheckpoints(step);
        if (step.State.StopAt is { } stopAt && step.State.Checkpoints.GetValueOrDefault(stopAt) == CheckpointStatus.Reached)
        {
            step.MoveExecution(ExecutionTrigger.Pause, $"stop_at {stopAt}", s => s with { StopAt = null });
            return false;
        }

        if (step.State.RepeatHold)
        {
            return false;
        }

        var held = step.State.ScopeHold is { } hold ? step.State.Plan.ScopesById[hold].Tasks : [];
        var fannedOut = false;
        foreach (var item in step.State.Plan.Tasks.Where(t => t.Node.ForEach is not null && !held.Contains(t.Name)))
        {
            fannedOut |= AdvanceFanOut(step, item);
        }

        if (fannedOut)
        {
            return true;
        }

        var ready = step.State.Plan.Tasks
            .Where(t => step.Task(t.Name).Status == TaskDetailStatus.Pending && !held.Contains(t.Name)
                && t.Predecessors.All(p => IsDone(step.Task(p).Status)))
            .ToList();
        if (ready.Count > 0)
        {
            // A flow's decision may skip or fail tasks later in the list: decide in order, then start together.
            var run = new List<PlannedTask>(ready.Count);
            foreach (var task in ready)
            {
                if (step.Task(task.Name).Status == TaskDetailStatus.Pending && Decide(step, task))
                {
                    run.Add(task);
                }
            }

            StartAndRun(step, run, "ready");
            return true;
        }

        if (step.State.Plan.Tasks.All(t => IsDone(step.Task(t.Name).Status)) && !step.State.RepeatHold)
        {
            if (step.State.Plan.Definition.Repeat is { } repeat && (repeat.Times is null || step.State.Runs < repeat.Times))
            {
                RepeatLater(step, repeat.Every);
                return false;
            }

            step.MoveExecution(ExecutionTrigger.Succeed, "all tasks succeeded or were skipped", s => s with { Output = Output(s), Runs = s.Runs + 1 });
        }

        return false;
    }

    /// <summary>
    /// SPEC §5.6 <c>repeat</c>: the run succeeded; publish its output, set every task and checkpoint
    /// back to PENDING and wait <paramref name="every"/> (a durable timer) before the next run.
    /// </summary>
    private static void RepeatLater(StepContext step, TimeSpan every)
    {
        foreach (var task in step.State.Plan.Tasks)
        {
            step.MoveTask(task.Name, TaskTrigger.Reset, "repeat");
        }

        foreach (var checkpoint in step.State.Plan.Checkpoints.Where(c => step.State.Checkpoints[c.Name] == CheckpointStatus.Reached))
        {
            step.MoveCheckpoint(checkpoint.Name, CheckpointTrigger.Reset, "repeat");
        }

        var runs = step.State.Runs + 1;
        step.State = step.State with { Runs = runs, RepeatHold = true, Output = Output(step.State) };
        step.ScheduleTimer(null, TimerKind.Repeat, step.Now + every);
    }

    private static void StartAndRun(StepContext step, IReadOnlyList<PlannedTask> tasks, string cause)
    {
        var plain = tasks.Where(t => t.Node.ForEach is null).ToList();
        foreach (var task in plain)
        {
            Start(step, task.Name, cause);
        }

        foreach (var task in plain)
        {
            Run(step, task.Name, task.Node);
        }

        foreach (var task in tasks.Where(t => t.Node.ForEach is not null))
        {
            FanOut(step, task);
        }
    }

    /// <summary>A new attempt of <paramref name="name"/> (a task or a <c>for_each</c> element) starts.</summary>
    private static void Start(StepContext step, string name, string cause) =>
        step.MoveTask(name, TaskTrigger.Start, cause, t => t with
        {
            Attempt = t.Attempt + 1,
            Result = null,
            Error = null,
            RevertResult = null,
            Approval = null,
            StartedAt = step.Now,
            FinishedAt = null,
        });

    /// <summary>Runs the action of <paramref name="name"/>'s current attempt: <paramref name="node"/> is its task, or its element's item.</summary>
    private static void Run(StepContext step, string name, TaskNode node)
    {
        var attempt = step.Task(name).Attempt;
        JsonElement? input;
        try
        {
            // The scope costs a few small JSON documents; a task without input (a noop) needs none.
            input = node.Input is null ? null : InputBinder.Bind(node.Input, Scope(step, name, missingAsNull: false, error: null));
        }
        catch (BindingException e)
        {
            FailAttempt(step, name, new TaskError("BindingError", e.Message), "input could not be bound");
            return;
        }

        switch (LocalActions.KindOf(node.Action))
        {
            case ActionKind.Local:
                var (result, error) = LocalActions.Run(node.Action, input);
                if (error is null)
                {
                    Complete(step, name, result, "action completed");
                }
                else
                {
                    FailAttempt(step, name, error, "action failed");
                }

                break;
            case ActionKind.Timer:
                step.MoveTask(name, TaskTrigger.Suspend, "timer scheduled", t => t with { Wait = WaitKind.Timer });
                step.ScheduleTimer(name, TimerKind.Wait, DueAt(input, step.Now));
                ScheduleTimeout(step, name, node);
                break;
            case ActionKind.Callback:
                step.MoveTask(name, TaskTrigger.Suspend, "waiting for callback", t => t with { Wait = WaitKind.Callback });
                step.Emit(new MintToken(name, attempt, WaitKind.Callback, step.Now + node.Timeout, Prompt: null, Approvers: []));
                if (input is { ValueKind: JsonValueKind.Object } request && request.TryGetProperty("url", out _))
                {
                    step.Emit(new SendDelegateRequest(name, attempt, input, step.Now + node.Timeout));
                }

                ScheduleTimeout(step, name, node);
                if (node.Heartbeat is { } heartbeat)
                {
                    // SPEC §5.2: a delegate that misses its heartbeat fails with type HeartbeatTimeout.
                    step.ScheduleTimer(name, TimerKind.Heartbeat, step.Now + heartbeat);
                }

                break;
            case ActionKind.Child:
                step.MoveTask(name, TaskTrigger.Suspend, "waiting for child execution", t => t with { Wait = WaitKind.Child });
                step.Emit(ChildStart(name, attempt, input));
                ScheduleTimeout(step, name, node);
                break;
            case ActionKind.Approval:
                SuspendForApproval(step, name, node, input);
                break;
            default:
                step.Emit(new SendHttpRequest(name, attempt, input));
                ScheduleTimeout(step, name, node);
                break;
        }
    }

    /// <summary>
    /// SPEC §3.4.1: one token without <c>approvers</c>, else one per approver, each deciding as that
    /// approver; <c>quorum</c> (default 1) approvals pass the task. Bound values are re-checked here:
    /// a quorum a placeholder made wrong fails the attempt.
    /// </summary>
    private static void SuspendForApproval(StepContext step, string name, TaskNode node, JsonElement? input)
    {
        var approvers = Strings(input, "approvers").Distinct(StringComparer.Ordinal).ToImmutableArray();
        var quorum = Number(input, "quorum") ?? 1;
        if (quorum < 1 || quorum > Math.Max(approvers.Length, 1) || (approvers.IsEmpty && Number(input, "quorum") is not null))
        {
            FailAttempt(step, name, new TaskError("InvalidQuorum", $"quorum {quorum} is not between 1 and the {approvers.Length} approver(s)."), "invalid quorum");
            return;
        }

        var attempt = step.Task(name).Attempt;
        var prompt = Text(input, "prompt");
        step.MoveTask(name, TaskTrigger.Suspend, "waiting for approval", t => t with { Wait = WaitKind.Approval, Approval = new ApprovalProgress(approvers, quorum) });
        if (approvers.IsEmpty)
        {
            step.Emit(new MintToken(name, attempt, WaitKind.Approval, step.Now + node.Timeout, prompt, [], Approver: null, Quorum: quorum));
        }

        foreach (var approver in approvers)
        {
            step.Emit(new MintToken(name, attempt, WaitKind.Approval, step.Now + node.Timeout, prompt, approvers, approver, quorum));
        }

        ScheduleTimeout(step, name, node);
    }

    private static int? Number(JsonElement? input, string name) =>
        input is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var number)
            ? number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var n) ? n : 0
            : null;

    /// <summary>
    /// <paramref name="task"/>'s input bound over the execution's symbols as they stand (what the
    /// approval page shows, SPEC §11); null when it has none or it cannot be bound.
    /// </summary>
    public static JsonElement? InputOf(ExecutionState state, string task)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Tasks.ContainsKey(task) || NodeOf(state, task).Input is not { } input)
        {
            return null;
        }

        try
        {
            return InputBinder.Bind(input, Scope(new StepContext(state, default), task, missingAsNull: true, error: null));
        }
        catch (BindingException)
        {
            return null;
        }
    }

    /// <summary>SPEC §5.2: an attempt that outlives the task's <c>timeout</c> fails with type <c>Timeout</c>.</summary>
    private static void ScheduleTimeout(StepContext step, string name, TaskNode node)
    {
        if (node.Timeout is { } timeout)
        {
            step.ScheduleTimer(name, TimerKind.Timeout, step.Now + timeout);
        }
    }

    private static string? Text(JsonElement? input, string name) =>
        input is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;

    private static ImmutableArray<string> Strings(JsonElement? input, string name) =>
        input is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static StartChildExecution ChildStart(string task, int attempt, JsonElement? input)
    {
        var values = input is { ValueKind: JsonValueKind.Object } v ? v : default;
        var workflow = values.ValueKind == JsonValueKind.Object && values.TryGetProperty("workflow", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString()! : string.Empty;
        int? version = values.ValueKind == JsonValueKind.Object && values.TryGetProperty("version", out var n) && n.TryGetInt32(out var number) ? number : null;
        JsonElement? childInput = values.ValueKind == JsonValueKind.Object && values.TryGetProperty("input", out var i) ? i : null;
        return new StartChildExecution(task, attempt, workflow, version, childInput);
    }

    /// <summary>Publishes the result into the symbols (SPEC §3.2), then SUCCESS; a missing path fails the task (TASKFLOW.md rule 17).</summary>
    private static void Complete(StepContext step, string name, JsonElement? result, string cause)
    {
        if (InstanceName.TaskOf(name) is not null)
        {
            // An instance of a fanned-out flow's task provides into its element (SPEC §3.6): its paths must exist.
            foreach (var path in NodeOf(step.State, name).Provides?.Paths ?? [])
            {
                if (result is not { } value || !InputBinder.TryNavigate(value, path.Path.Segments, out _))
                {
                    FailAttempt(step, name, new TaskError("ResultPathNotFound", $"The result has no '{path.Path}' for '{path.Name}'."), "result path not found");
                    return;
                }
            }

            step.MoveTask(name, TaskTrigger.Complete, cause, t => t with { Result = result, FinishedAt = step.Now });
            return;
        }

        if (InstanceName.IsElement(name))
        {
            // An element provides nothing itself: its item gathers every element's result (SPEC §3.6).
            step.MoveTask(name, TaskTrigger.Complete, cause, t => t with { Result = result, FinishedAt = step.Now });
            return;
        }

        var provides = step.State.Plan.Task(name).Node.Provides;
        foreach (var symbol in provides?.Names ?? [])
        {
            if (step.State.Plan.Providers[symbol].FirstOrDefault(p => p != name && step.Task(p).Status == TaskDetailStatus.Success) is { } first)
            {
                // SPEC §3.5: of exclusive branches, the one that succeeds second is a bug in the definition.
                FailAttempt(step, name, new TaskError("SymbolConflict", $"'{symbol}' was already provided by task '{first}'."), "symbol conflict");
                return;
            }
        }

        var symbols = step.State.Symbols;
        if (provides?.WholeName is { } whole)
        {
            symbols = symbols.SetItem(whole, result ?? Json.Null);
        }

        foreach (var path in provides?.Paths ?? [])
        {
            if (result is not { } value || !InputBinder.TryNavigate(value, path.Path.Segments, out var part))
            {
                FailAttempt(step, name, new TaskError("ResultPathNotFound", $"The result has no '{path.Path}' for '{path.Name}'."), "result path not found");
                return;
            }

            symbols = symbols.SetItem(path.Name, part);
        }

        step.MoveTask(name, TaskTrigger.Complete, cause, t => t with { Result = result, FinishedAt = step.Now });
        step.State = step.State with { Symbols = symbols };
    }

    /// <summary>A failed attempt: RETRYING behind a durable timer while the task's <c>retry</c> allows (SPEC §5.2), else FAILURE.</summary>
    private static void FailAttempt(StepContext step, string name, TaskError error, string cause)
    {
        var task = step.Task(name);
        var retry = NodeOf(step.State, name).Retry;
        if (retry is not null && task.Attempt <= retry.Count && (retry.On.IsEmpty || retry.On.Contains(error.Type))
            && step.State.Status is ExecutionStatus.Running or ExecutionStatus.Paused)
        {
            step.MoveTask(name, TaskTrigger.FailRetryable, cause, t => t with { Error = error, Result = null, FinishedAt = step.Now });
            step.ScheduleTimer(name, TimerKind.Retry, step.Now + RetryDelay(retry, task.Attempt));
            return;
        }

        step.MoveTask(name, TaskTrigger.Fail, cause, t => t with { Error = error, Result = null, FinishedAt = step.Now });
    }

    private static TimeSpan RetryDelay(RetryPolicy retry, int failedAttempt)
    {
        var delay = retry.Backoff == BackoffKind.Exponential
            ? TimeSpan.FromTicks((long)Math.Min(retry.Delay.Ticks * Math.Pow(2, failedAttempt - 1), TimeSpan.MaxValue.Ticks / 2))
            : retry.Delay;
        return retry.MaxDelay is { } max && delay > max ? max : delay;
    }

    private static void ReachCheckpoints(StepContext step)
    {
        foreach (var checkpoint in step.State.Plan.Checkpoints)
        {
            if (step.State.Checkpoints[checkpoint.Name] == CheckpointStatus.Pending
                && checkpoint.Before.All(t => IsDone(step.Task(t).Status)))
            {
                step.MoveCheckpoint(checkpoint.Name, CheckpointTrigger.Reach, "every item before it succeeded");
                if (checkpoint.Node.Retention is { } retention)
                {
                    step.Emit(new CompactHistory(checkpoint.Name, retention.KeepCheckpoints, retention.KeepFor));
                }

                if (checkpoint.InRootFlow)
                {
                    step.State = step.State with { Checkpoint = checkpoint.Name };
                }
            }
        }
    }

    private static JsonElement Output(ExecutionState state)
    {
        var names = state.Plan.Definition.Output ?? state.Plan.ProvidedSymbols;
        return Json.Object([.. names.Select(n => (n, (JsonElement?)state.Symbols.GetValueOrDefault(n, Json.Null)))]);
    }

    private static BindingScope Scope(StepContext step, string task, bool missingAsNull, JsonElement? error)
    {
        var detail = step.Task(task);
        var context = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        context[ContextValues.ExecutionId] = Json.String(step.State.Id.ToString());
        context[ContextValues.Task] = Json.String(task);
        context[ContextValues.Attempt] = Json.Number(detail.Attempt);
        context[ContextValues.Result] = detail.Result ?? Json.Null;
        context[ContextValues.Error] = error ?? Json.Null;
        context[ContextValues.Index] = detail.Index is { } index ? Json.Number(index) : Json.Null;
        var symbols = step.State.Symbols;
        var item = step.State.Plan.Task(InstanceName.ItemOf(task));
        if (detail.Index is { } i && item.Node.ForEach is { } fanOut && Elements(step.State, fanOut) is { } elements)
        {
            // Inside a fanned-out flow, what the element's own tasks provided comes first (SPEC §3.6).
            symbols = (item.Element is null ? symbols : symbols.SetItems(LocalSymbols(step, item, i))).SetItem(fanOut.As, elements[i]);
        }

        return new BindingScope(symbols, step.State.Plan.Symbols, context.ToImmutable(), missingAsNull);
    }

    /// <summary><c>wait</c>: <c>duration</c> from now, or <c>until</c> (validated at definition time; bound values re-checked here).</summary>
    private static DateTimeOffset DueAt(JsonElement? input, DateTimeOffset now)
    {
        if (input is { ValueKind: JsonValueKind.Object } value)
        {
            if (value.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.String)
            {
                return IsoDuration.TryParse(duration.GetString()!, out var span, out _) ? now + span : now;
            }

            if (value.TryGetProperty("until", out var until) && until.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(until.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
        }

        return now;
    }
}
