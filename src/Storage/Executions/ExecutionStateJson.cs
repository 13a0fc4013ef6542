using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The <c>data</c> column: an execution's engine state but its plan, input, status and finish time
/// (those have columns of their own), as one JSON object; task details in definition order:
/// <c>{symbols? (the provided ones; the inputs are in the input column), checkpoints?, tasks: [{name, state, attempt, version, result?, error?, revert_result?,
/// started_at?, finished_at?, wait?, token? | tokens?, timers?}], output?, error?, checkpoint?, stop_at?, last_seq,
/// revert_to?, after_revert?, scope_retries?, retrying_scope?, scope_hold?, runs?, repeat_hold?,
/// parent?, last_timer?, timers?}</c>. This is a storage format, not the API's: responses are built
/// from the engine state read back from it. Left out when reading restores them: empty symbols, checkpoints
/// not reached (<c>PENDING</c>), and the planned tasks still as <see cref="TaskDetail.Pending"/> made them.
/// </summary>
internal static class ExecutionStateJson
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// <paramref name="stored"/>: the tasks as <see cref="Read"/> found them in the row, each with its JSON
    /// there; a task the step left as it was (the same object) is copied from it, not written again.
    /// </summary>
    public static string Write(ExecutionState state, IReadOnlyDictionary<string, (TaskDetail Task, JsonElement Json)>? stored = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (state.Plan.Tasks.Length * 96));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            // The definition's inputs are symbols the input column already holds, and no task may
            // provide one (TASKFLOW.md rule 16, WfaaS differs): only what tasks provided is written.
            var inputs = state.Plan.Definition.Input;
            var provided = state.Symbols.Where(s => !inputs.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            if (provided.Count > 0)
            {
                w.WriteStartObject("symbols");
                foreach (var (name, value) in provided)
                {
                    w.WritePropertyName(name);
                    value.WriteTo(w);
                }

                w.WriteEndObject();
            }

            var reached = state.Checkpoints.Where(c => c.Value != CheckpointStatus.Pending).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            if (reached.Count > 0)
            {
                w.WriteStartObject("checkpoints");
                foreach (var (name, status) in reached)
                {
                    w.WriteString(name, WireNames.Of(status));
                }

                w.WriteEndObject();
            }

            w.WriteStartArray("tasks");
            foreach (var task in state.OrderedTasks())
            {
                if (stored is not null && stored.TryGetValue(task.Name, out var read) && ReferenceEquals(read.Task, task))
                {
                    w.WriteRawValue(JsonMarshal.GetRawUtf8Value(read.Json), skipInputValidation: true);
                }
                else if (!IsUntouched(task) || !state.Plan.TasksByName.ContainsKey(task.Name))
                {
                    WriteTask(w, task);
                }
            }

            w.WriteEndArray();
            WriteValue(w, "output", state.Output);
            if (state.Error is { } error)
            {
                WriteError(w, error);
            }

            WriteText(w, "checkpoint", state.Checkpoint);
            WriteText(w, "stop_at", state.StopAt);
            w.WriteNumber("last_seq", state.LastSeq);
            WriteText(w, "revert_to", state.RevertTo);
            if (state.AfterRevert != AfterRevert.End)
            {
                w.WriteString("after_revert", WireNames.Of(state.AfterRevert));
            }

            if (state.ScopeRetries is { IsEmpty: false } retries)
            {
                w.WriteStartObject("scope_retries");
                foreach (var (scope, used) in retries.OrderBy(r => r.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(scope, used);
                }

                w.WriteEndObject();
            }

            WriteText(w, "retrying_scope", state.RetryingScope);
            WriteText(w, "scope_hold", state.ScopeHold);
            if (state.Runs != 0)
            {
                w.WriteNumber("runs", state.Runs);
            }

            if (state.RepeatHold)
            {
                w.WriteBoolean("repeat_hold", true);
            }

            if (state.Parent is { } parent)
            {
                w.WriteStartObject("parent");
                w.WriteString("execution_id", parent.ExecutionId);
                w.WriteString("task", parent.Task);
                w.WriteNumber("attempt", parent.Attempt);
                w.WriteEndObject();
            }

            if (state.LastTimer != 0)
            {
                w.WriteNumber("last_timer", state.LastTimer);
            }

            if (state.RevertAll)
            {
                w.WriteBoolean("revert_all", true);
            }

            WriteTimers(w, state.Timers);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><paramref name="stored"/>, when given, receives each task read with its JSON, for <see cref="Write"/>.</summary>
    public static ExecutionState Read(
        Guid id, ExecutionPlan plan, ExecutionStatus status, string input, string data, DateTimeOffset? finishedAt,
        Dictionary<string, (TaskDetail Task, JsonElement Json)>? stored = null)
    {
        // One document for the whole column; every value below points into it and needs no clone of its own.
        var root = Parse(data);
        var tasks = ImmutableDictionary.CreateBuilder<string, TaskDetail>(StringComparer.Ordinal);
        foreach (var task in root.GetProperty("tasks").EnumerateArray())
        {
            var detail = ReadTask(task);
            tasks[detail.Name] = detail;
            if (stored is not null)
            {
                stored[detail.Name] = (detail, task);
            }
        }

        foreach (var planned in plan.Tasks.Where(t => !tasks.ContainsKey(t.Name)))
        {
            tasks[planned.Name] = TaskDetail.Pending(planned.Name);
        }

        var inputValue = Parse(input);
        var symbols = (root.TryGetProperty("symbols", out var provided)
                ? provided.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
                : ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal))
            .SetItems(ExecutionState.InputSymbols(plan, inputValue));
        return new ExecutionState(
            id,
            plan,
            status,
            inputValue,
            symbols,
            tasks.ToImmutable(),
            ReadCheckpoints(root, plan),
            root.TryGetProperty("output", out var output) ? output : null,
            root.TryGetProperty("error", out var error) ? ReadError(error) : null,
            Text(root, "checkpoint"),
            Text(root, "stop_at"),
            root.GetProperty("last_seq").GetInt64(),
            finishedAt,
            Text(root, "revert_to"),
            Text(root, "after_revert") is { } after ? WireState.Parse<AfterRevert>(after) : AfterRevert.End,
            root.TryGetProperty("scope_retries", out var retries)
                ? retries.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal)
                : null,
            Text(root, "retrying_scope"),
            Text(root, "scope_hold"),
            root.TryGetProperty("runs", out var runs) ? runs.GetInt32() : 0,
            root.TryGetProperty("repeat_hold", out var hold) && hold.GetBoolean(),
            root.TryGetProperty("parent", out var parent)
                ? new ParentLink(parent.GetProperty("execution_id").GetGuid(), parent.GetProperty("task").GetString()!, parent.GetProperty("attempt").GetInt32())
                : null,
            root.TryGetProperty("last_timer", out var lastTimer) ? lastTimer.GetInt64() : 0,
            root.TryGetProperty("revert_all", out var revertAll) && revertAll.GetBoolean())
        {
            Timers = ReadTimers(root),
        };
    }

    private static ImmutableDictionary<string, CheckpointStatus> ReadCheckpoints(JsonElement root, ExecutionPlan plan)
    {
        var checkpoints = plan.Checkpoints.ToImmutableDictionary(c => c.Name, _ => CheckpointStatus.Pending, StringComparer.Ordinal);
        return root.TryGetProperty("checkpoints", out var reached)
            ? checkpoints.SetItems(reached.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, WireState.Parse<CheckpointStatus>(p.Value.GetString()!))))
            : checkpoints;
    }

    public static JsonElement Parse(string json) => JsonElement.Parse(json, ReadOptions);

    /// <summary>One task detail on its own, as an archived <c>for_each</c> element's row holds it.</summary>
    public static string WriteTaskDetail(TaskDetail task)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteTask(w, task);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static TaskDetail ReadTaskDetail(string json) => ReadTask(Parse(json));

    /// <summary>A task as <see cref="TaskDetail.Pending"/> makes it: reading restores a planned one left out.</summary>
    private static bool IsUntouched(TaskDetail task) =>
        task is { Status: TaskDetailStatus.Pending, Attempt: 0, Version: 0, Result: null, Error: null, RevertResult: null, StartedAt: null, FinishedAt: null, Wait: null }
            && task.Timers.IsEmpty && task.Index is null && task.FanOut is null && task.Approval is null && task.Tokens.IsEmpty;

    private static void WriteTask(Utf8JsonWriter w, TaskDetail task)
    {
        w.WriteStartObject();
        w.WriteString("name", task.Name);
        w.WriteString("state", WireNames.Of(task.Status));
        w.WriteNumber("attempt", task.Attempt);
        w.WriteNumber("version", task.Version);
        WriteValue(w, "result", task.Result);
        if (task.Error is { } error)
        {
            w.WriteStartObject("error");
            w.WriteString("type", error.Type);
            w.WriteString("message", error.Message);
            WriteText(w, "stack_trace", error.StackTrace);
            w.WriteEndObject();
        }

        WriteValue(w, "revert_result", task.RevertResult);
        if (task.StartedAt is { } started)
        {
            w.WriteString("started_at", started.UtcDateTime);
        }

        if (task.FinishedAt is { } finished)
        {
            w.WriteString("finished_at", finished.UtcDateTime);
        }

        if (task.Wait is { } wait)
        {
            w.WriteString("wait", WireNames.Of(wait));
        }

        // The nonces its tokens are signed from (CallbackTokens): one without an approver as "token", else "tokens": {approver: nonce}.
        if (task.Tokens is [{ Approver: null } single])
        {
            w.WriteString("token", single.Nonce);
        }
        else if (!task.Tokens.IsEmpty)
        {
            w.WriteStartObject("tokens");
            foreach (var token in task.Tokens)
            {
                w.WriteString(token.Approver ?? string.Empty, token.Nonce);
            }

            w.WriteEndObject();
        }

        if (task.Index is { } index)
        {
            w.WriteNumber("index", index);
        }

        if (task.FanOut is { } fanOut)
        {
            w.WriteStartObject("fan_out");
            w.WriteNumber("total", fanOut.Total);
            w.WriteNumber("started", fanOut.Started);
            WriteText(w, "failed_by", fanOut.FailedBy);
            WriteIndexes(w, "live", fanOut.Live);
            WriteIndexes(w, "loaded", fanOut.Loaded);
            if (fanOut.ArchivedFailures != 0)
            {
                w.WriteNumber("archived_failures", fanOut.ArchivedFailures);
            }

            w.WriteEndObject();
        }

        if (task.Approval is { } approval)
        {
            w.WriteStartObject("approval");
            w.WriteStartArray("approvers");
            foreach (var approver in approval.Approvers)
            {
                w.WriteStringValue(approver);
            }

            w.WriteEndArray();
            w.WriteNumber("quorum", approval.Quorum);
            w.WriteStartArray("decisions");
            foreach (var decision in approval.Decisions)
            {
                w.WriteStartObject();
                WriteText(w, "by", decision.By);
                w.WriteBoolean("approved", decision.Approved);
                WriteText(w, "comment", decision.Comment);
                w.WriteString("decided_at", decision.DecidedAt.UtcDateTime);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        WriteTimers(w, task.Timers);
        w.WriteEndObject();
    }

    private static ApprovalProgress? ReadApproval(JsonElement t) =>
        t.TryGetProperty("approval", out var a)
            ? new ApprovalProgress([.. a.GetProperty("approvers").EnumerateArray().Select(e => e.GetString()!)], a.GetProperty("quorum").GetInt32())
            {
                Decisions = [.. a.GetProperty("decisions").EnumerateArray().Select(d => new ApprovalDecision(
                    Text(d, "by"), d.GetProperty("approved").GetBoolean(), Text(d, "comment"), d.GetProperty("decided_at").GetDateTimeOffset()))],
            }
            : null;

    private static TaskDetail ReadTask(JsonElement t) =>
        new(
            t.GetProperty("name").GetString()!,
            WireState.Parse<TaskDetailStatus>(t.GetProperty("state").GetString()!),
            t.GetProperty("attempt").GetInt32(),
            t.TryGetProperty("result", out var result) ? result : null,
            t.TryGetProperty("error", out var e) ? new TaskError(e.GetProperty("type").GetString()!, e.GetProperty("message").GetString()!, Text(e, "stack_trace")) : null,
            t.GetProperty("version").GetInt32(),
            t.TryGetProperty("revert_result", out var revert) ? revert : null,
            t.TryGetProperty("started_at", out var started) ? started.GetDateTimeOffset() : null,
            t.TryGetProperty("finished_at", out var finished) ? finished.GetDateTimeOffset() : null,
            Text(t, "wait") is { } wait ? WireState.Parse<WaitKind>(wait) : null)
        {
            Timers = ReadTimers(t),
            Index = t.TryGetProperty("index", out var index) ? index.GetInt32() : null,
            FanOut = t.TryGetProperty("fan_out", out var fanOut)
                ? new FanOutProgress(fanOut.GetProperty("total").GetInt32(), fanOut.GetProperty("started").GetInt32(), Text(fanOut, "failed_by"))
                {
                    Live = ReadIndexes(fanOut, "live"),
                    Loaded = ReadIndexes(fanOut, "loaded"),
                    ArchivedFailures = fanOut.TryGetProperty("archived_failures", out var failures) ? failures.GetInt32() : 0,
                }
                : null,
            Approval = ReadApproval(t),
            Tokens = ReadTokens(t),
        };

    private static ImmutableArray<WaitToken> ReadTokens(JsonElement t) =>
        Text(t, "token") is { } nonce ? [new WaitToken(nonce)]
            : t.TryGetProperty("tokens", out var tokens) ? [.. tokens.EnumerateObject().Select(p => new WaitToken(p.Value.GetString()!, p.Name.Length == 0 ? null : p.Name))]
            : [];

    private static void WriteError(Utf8JsonWriter w, ExecutionError error)
    {
        w.WriteStartObject("error");
        w.WriteString("task", error.Task);
        w.WriteString("type", error.Type);
        w.WriteString("message", error.Message);
        w.WriteStartArray("failures");
        foreach (var failure in error.Failures)
        {
            w.WriteStartObject();
            w.WriteString("task", failure.Task);
            w.WriteString("type", failure.Type);
            w.WriteString("message", failure.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static ExecutionError ReadError(JsonElement error) =>
        new(
            error.GetProperty("task").GetString()!,
            error.GetProperty("type").GetString()!,
            error.GetProperty("message").GetString()!,
            [.. error.GetProperty("failures").EnumerateArray().Select(f =>
                new TaskFailure(f.GetProperty("task").GetString()!, f.GetProperty("type").GetString()!, f.GetProperty("message").GetString()!))]);

    private static void WriteTimers(Utf8JsonWriter w, ImmutableArray<LiveTimer> timers)
    {
        if (timers.IsEmpty)
        {
            return;
        }

        w.WriteStartArray("timers");
        foreach (var timer in timers)
        {
            w.WriteStartObject();
            w.WriteNumber("serial", timer.Serial);
            w.WriteString("kind", WireNames.Of(timer.Kind));
            w.WriteString("due_at", timer.DueAt.UtcDateTime);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static ImmutableArray<LiveTimer> ReadTimers(JsonElement owner) =>
        owner.TryGetProperty("timers", out var timers)
            ? [.. timers.EnumerateArray().Select(t => new LiveTimer(
                t.GetProperty("serial").GetInt64(), WireState.Parse<TimerKind>(t.GetProperty("kind").GetString()!), t.GetProperty("due_at").GetDateTimeOffset()))]
            : [];

    private static void WriteIndexes(Utf8JsonWriter w, string name, ImmutableArray<int> indexes)
    {
        if (indexes.IsEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var index in indexes)
        {
            w.WriteNumberValue(index);
        }

        w.WriteEndArray();
    }

    private static ImmutableArray<int> ReadIndexes(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var indexes) ? [.. indexes.EnumerateArray().Select(i => i.GetInt32())] : [];

    private static void WriteValue(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is { } v)
        {
            w.WritePropertyName(name);
            v.WriteTo(w);
        }
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
