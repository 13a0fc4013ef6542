using System.Globalization;
using System.Text.Json;
using System.Xml;
using WfaaS.Chaos.Target;
using WfaaS.Chaos.Workload;

namespace WfaaS.Chaos.Check;

/// <summary>
/// The checks, over every execution read back after the drain, the harness's ledger and the http
/// target's log. Only what the contract rules out is an anomaly: the workload sends no operator
/// command and uses no <c>repeat</c>, retry scope or checkpoint, so no subject ever re-enters a state
/// within one attempt; a task's retries start attempt k+1 (SPEC §5.2) and its revert is recorded
/// under the attempt it reverts, so "the same transition twice" means the same (subject, name,
/// from, to, attempt) twice.
/// </summary>
internal sealed class Checker(Ledger ledger, Func<string, IReadOnlyList<TargetRequest>> targetRequests)
{
    /// <summary>Rounding of stored times; a timer or a retry may not fire earlier than this before its due time.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(5);

    private readonly List<Anomaly> _anomalies = [];
    private readonly List<double> _timerLateness = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Anomaly> Anomalies => _anomalies;

    /// <summary>Seconds each <c>wait</c> fired after its due time.</summary>
    public IReadOnlyList<double> TimerLateness => _timerLateness;

    /// <summary>Things worth knowing that the contract allows.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <param name="observations">Every execution, read back.</param>
    /// <param name="settled">
    /// Every start was answered and every execution was final before the reads began; otherwise the
    /// checks that compare separate reads (an execution missing from the list, one the ledger does
    /// not know, a missing child) could see a moving target and are skipped.
    /// </param>
    public void Check(IReadOnlyList<Observation> observations, bool settled)
    {
        foreach (var observation in observations)
        {
            CheckExecution(observation);
        }

        CheckStarts(observations, settled);
        CheckChildren(observations, settled);
        CheckTokens(observations);
    }

    private void Add(ExecutionItem execution, string kind, string detail) => _anomalies.Add(Anomaly.Of(execution, kind, detail));

    private void CheckExecution(Observation observation)
    {
        var (execution, history, tasks) = (observation.Execution, observation.History, observation.Tasks);
        if (!Catalog.ByName.TryGetValue(execution.Workflow, out var spec))
        {
            Add(execution, "unknown-workflow", "the harness never started this workflow");
            return;
        }

        if (history.Count == 0)
        {
            Add(execution, "no-history", "GET /history has no entry");
            return;
        }

        CheckSeq(execution, history);
        CheckTransitions(execution, history);
        CheckOncePerAttempt(execution, history);
        CheckTimers(execution, spec, history, tasks);
        CheckRetryDelays(execution, spec, history);
        CheckHttp(execution, spec, history, tasks);
        if (execution.IsFinished)
        {
            CheckFinal(execution, spec, history, tasks);
        }
    }

    /// <summary>SPEC §4: seq strictly increasing per execution; here also gap-free from 1 (nothing is compacted).</summary>
    private void CheckSeq(ExecutionItem execution, IReadOnlyList<HistoryItem> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Seq != i + 1)
            {
                Add(execution, "seq-gap", $"entry {i + 1} of {history.Count} has seq {history[i].Seq}: {history[i]}" +
                    (i > 0 ? $" (after {history[i - 1]})" : string.Empty));
                return;
            }
        }
    }

    /// <summary>
    /// Every transition starts from the state its subject is in (a task starts PENDING, the execution
    /// from nothing), the same transition is not applied twice, a task's attempts count up by one,
    /// and nothing moves once the execution is final.
    /// </summary>
    private void CheckTransitions(ExecutionItem execution, IReadOnlyList<HistoryItem> history)
    {
        var current = new Dictionary<(string Subject, string Name), string?>();
        var seen = new Dictionary<(string, string, string?, string, int?), HistoryItem>();
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        HistoryItem? final = null;
        foreach (var entry in history)
        {
            if (final is not null)
            {
                Add(execution, "moved-after-final", $"{entry} after the execution ended with {final}");
                return;
            }

            var subject = (entry.Subject, entry.Name);
            var from = current.TryGetValue(subject, out var state) ? state : entry.Subject == "execution" ? null : "PENDING";
            if (entry.From != from)
            {
                Add(execution, "broken-chain", $"{entry}, but the {entry.Subject} was {from ?? "∅ (not created)"}");
            }

            current[subject] = entry.To;
            var key = (entry.Subject, entry.Name, entry.From, entry.To, entry.Attempt);
            if (seen.TryGetValue(key, out var first))
            {
                Add(execution, "transition-twice", $"{entry} repeats {first}");
            }
            else
            {
                seen[key] = entry;
            }

            if (entry.Subject == "task" && entry.To == "RUNNING")
            {
                var expected = attempts.GetValueOrDefault(entry.Name) + 1;
                if (entry.Attempt != expected)
                {
                    Add(execution, "attempt-numbering", $"{entry}: expected attempt {expected}");
                }

                attempts[entry.Name] = entry.Attempt ?? expected;
            }

            if (entry.Subject == "execution" && entry.To is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED")
            {
                final = entry;
            }
        }
    }

    /// <summary>SPEC §5.7: per task attempt, at most one accepted callback, one decision, one fired timer, one child report.</summary>
    private void CheckOncePerAttempt(ExecutionItem execution, IReadOnlyList<HistoryItem> history)
    {
        (string Kind, Func<string, bool> Is)[] events =
        [
            ("callback-accepted-twice", c => c.StartsWith("callback: ", StringComparison.Ordinal)),
            ("approval-decided-twice", c => c is "approved" or "rejected"),
            ("timer-fired-twice", c => c == "timer fired"),
            ("child-reported-twice", c => c.StartsWith("child execution ", StringComparison.Ordinal)),
        ];
        foreach (var attempt in history.Where(h => h.Subject == "task").GroupBy(h => (h.Name, h.Attempt)))
        {
            foreach (var (kind, isEvent) in events)
            {
                var matching = attempt.Where(h => isEvent(h.Cause)).ToList();
                if (matching.Count > 1)
                {
                    Add(execution, kind, string.Join("; ", matching));
                }
            }
        }
    }

    /// <summary>A <c>wait</c> fires exactly once per attempt, never before its due time (scheduled at + duration).</summary>
    private void CheckTimers(ExecutionItem execution, FlowSpec spec, IReadOnlyList<HistoryItem> history, IReadOnlyList<TaskItem> tasks)
    {
        foreach (var wait in spec.Waits)
        {
            var duration = wait.Fixed ?? Duration(execution.Input, wait.InputName!);
            if (duration is null)
            {
                Add(execution, "bad-input", $"the input has no duration '{wait.InputName}' for {wait.Task}");
                continue;
            }

            var entries = history.Where(h => h.Subject == "task" && h.Name == wait.Task).ToList();
            foreach (var fired in entries.Where(h => h.Cause == "timer fired"))
            {
                var scheduled = entries.LastOrDefault(h => h.Seq < fired.Seq && h.Attempt == fired.Attempt && h.Cause == "timer scheduled");
                if (scheduled is null)
                {
                    Add(execution, "timer-unscheduled", $"{fired} without a 'timer scheduled' for that attempt");
                    continue;
                }

                var due = scheduled.At + duration.Value;
                if (fired.At < due - Tolerance)
                {
                    Add(execution, "timer-early", $"fired {(due - fired.At).TotalMilliseconds:0} ms before its due time ({duration.Value.TotalSeconds:0.#} s after {scheduled}): {fired}");
                }

                _timerLateness.Add((fired.At - due).TotalSeconds);
            }

            // Only once final: the tasks are read after the history, so a running one may be ahead of it.
            if (execution.IsFinished && tasks.FirstOrDefault(t => t.Name == wait.Task) is { State: "SUCCESS" } done
                && entries.Count(h => h.Cause == "timer fired" && h.Attempt == done.Attempt) != 1)
            {
                Add(execution, "timer-not-fired", $"{wait.Task} is SUCCESS on attempt {done.Attempt} without exactly one 'timer fired' for it");
            }
        }
    }

    /// <summary>A retry waits its delay (SPEC §5.2): attempt k+1 starts no earlier than delay after attempt k failed.</summary>
    private void CheckRetryDelays(ExecutionItem execution, FlowSpec spec, IReadOnlyList<HistoryItem> history)
    {
        foreach (var (task, delay) in spec.RetryDelays)
        {
            var entries = history.Where(h => h.Subject == "task" && h.Name == task).ToList();
            foreach (var failed in entries.Where(h => h.To == "RETRYING"))
            {
                var next = entries.FirstOrDefault(h => h.Seq > failed.Seq && h.To == "RUNNING" && h.Attempt == failed.Attempt + 1);
                if (next is not null && next.At < failed.At + delay - Tolerance)
                {
                    Add(execution, "retry-early", $"attempt {next.Attempt} started {(failed.At + delay - next.At).TotalMilliseconds:0} ms before its delay ran out: {failed}; {next}");
                }
            }
        }
    }

    /// <summary>
    /// An http attempt that completed got its answer from the target: the target answered 2xx to
    /// <c>{execution}:{task}:{attempt}</c>; an http revert likewise.
    /// </summary>
    private void CheckHttp(ExecutionItem execution, FlowSpec spec, IReadOnlyList<HistoryItem> history, IReadOnlyList<TaskItem> tasks)
    {
        var httpTasks = tasks.Where(t => t.Action == "http").Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in history.Where(h => h.Subject == "task" && h.Attempt is not null))
        {
            var key = $"{execution.Id}:{entry.Name}:{entry.Attempt}";
            if (httpTasks.Contains(entry.Name) && entry.From == "RUNNING")
            {
                var requests = targetRequests(key).Where(r => r.Method == "POST").ToList();
                if (entry.Cause == "action completed" && !requests.Any(r => r.Status is >= 200 and < 300))
                {
                    Add(execution, "http-result-without-request", $"{entry}, but the target answered that key {Statuses(requests)}");
                }
                else if (entry.Cause == "action failed" && requests.Count == 0)
                {
                    _notes.Add($"{execution.Id} ({execution.Workflow}) {entry}: the attempt failed without reaching the target");
                }
            }

            if (spec.HttpReverts.Contains(entry.Name) && entry.To == "REVERTED" && entry.Cause == "revert completed"
                && !targetRequests(key).Any(r => r.Method == "DELETE" && r.Status is >= 200 and < 300))
            {
                Add(execution, "http-result-without-request", $"{entry}, but the target answered no DELETE for that key ({Statuses(targetRequests(key))})");
            }
        }
    }

    private static string Statuses(IReadOnlyList<TargetRequest> requests) =>
        requests.Count == 0 ? "nothing (never seen)" : string.Join(", ", requests.Select(r => $"{r.Method} {r.Status}"));

    /// <summary>The final state the definition implies, its tasks in line with it and with the history, the known attempts, the revert order.</summary>
    private void CheckFinal(ExecutionItem execution, FlowSpec spec, IReadOnlyList<HistoryItem> history, IReadOnlyList<TaskItem> tasks)
    {
        var last = history.LastOrDefault(h => h.Subject == "execution");
        if (last?.To != execution.State)
        {
            Add(execution, "state-history-mismatch", $"listed {execution.State}, but its last execution entry is {last?.ToString() ?? "missing"}");
        }

        foreach (var task in tasks)
        {
            var lastOfTask = history.LastOrDefault(h => h.Subject == "task" && h.Name == task.Name);
            if ((lastOfTask?.To ?? "PENDING") != task.State)
            {
                Add(execution, "task-history-mismatch", $"task {task.Name} is {task.State}, but its last entry is {lastOfTask?.ToString() ?? "missing (PENDING)"}");
            }
        }

        if (execution.State != spec.Expected)
        {
            Add(execution, "wrong-final-state", $"ended {execution.State}, expected {spec.Expected}; {Describe(tasks)}; last entries: {string.Join(" | ", history.TakeLast(4))}");
            return;
        }

        var allowed = execution.State == "SUCCESS" ? ["SUCCESS"] : new[] { "REVERTED", "PENDING" };
        foreach (var task in tasks.Where(t => !allowed.Contains(t.State)))
        {
            Add(execution, "task-state", $"task {task.Name} is {task.State} in a {execution.State} execution");
        }

        foreach (var (name, expected) in spec.Attempts)
        {
            if (tasks.FirstOrDefault(t => t.Name == name) is { } task && task.Attempt != expected)
            {
                Add(execution, "wrong-attempts", $"task {name} ended on attempt {task.Attempt}, expected {expected}");
            }
        }

        if (execution.State == "REVERTED")
        {
            CheckRevertOrder(execution, spec, history);
        }
    }

    /// <summary>SPEC §5.2: in a linear flow, a task starts reverting only after every later task is reverted.</summary>
    private void CheckRevertOrder(ExecutionItem execution, FlowSpec spec, IReadOnlyList<HistoryItem> history)
    {
        var order = spec.RevertOrder;
        for (var i = 0; i < order.Length; i++)
        {
            var begins = history.FirstOrDefault(h => h.Subject == "task" && h.Name == order[i] && h.To is "REVERTING" or "REVERTED");
            for (var j = i + 1; j < order.Length && begins is not null; j++)
            {
                var ends = history.FirstOrDefault(h => h.Subject == "task" && h.Name == order[j] && h.To == "REVERTED");
                if (ends is not null && begins.Seq < ends.Seq)
                {
                    Add(execution, "revert-order", $"{order[i]} began reverting ({begins}) before {order[j]} was reverted ({ends})");
                }
            }
        }
    }

    /// <summary>Every start answered once with one execution per Idempotency-Key; no execution the harness did not start.</summary>
    private void CheckStarts(IReadOnlyList<Observation> observations, bool settled)
    {
        var byId = ledger.Starts.Where(s => s.Id is not null).ToDictionary(s => s.Id!, StringComparer.Ordinal);
        var byKey = ledger.Starts.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var listed = observations.Select(o => o.Execution.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var start in ledger.Starts)
        {
            if (start.Refused is { } refused)
            {
                _anomalies.Add(new Anomaly("start-refused", start.Id, start.Workflow, null, $"key {start.Key}: the start answered {refused}"));
            }
            else if (start.Id is null)
            {
                _anomalies.Add(new Anomaly("start-unanswered", null, start.Workflow, null, $"key {start.Key}: no answer in {start.Requests} requests"));
            }

            if (start.OtherIds.Count > 0)
            {
                _anomalies.Add(new Anomaly("start-not-idempotent", start.Id, start.Workflow, null,
                    $"key {start.Key} answered executions {start.Id} and {string.Join(", ", start.OtherIds)}"));
            }

            if (settled && start.Id is { } id && !listed.Contains(id))
            {
                _anomalies.Add(new Anomaly("execution-missing", id, start.Workflow, null, $"started with key {start.Key} but not listed by GET /executions"));
            }
        }

        foreach (var execution in observations.Select(o => o.Execution).Where(_ => settled))
        {
            if (Catalog.ByName.TryGetValue(execution.Workflow, out var spec) && spec.Weight > 0 && !byId.ContainsKey(execution.Id))
            {
                var key = Text(execution.Input, "chaos_key");
                Add(execution, "unexpected-execution", key is not null && byKey.TryGetValue(key, out var start)
                    ? $"a second execution for Idempotency-Key {key} (its start answered {start.Id ?? "nothing"})"
                    : $"not started by the harness (input {execution.Input.GetRawText()})");
            }
        }
    }

    /// <summary>SPEC §3.4 <c>workflow</c>: one child per parent task attempt, of the workflow the parent names.</summary>
    private void CheckChildren(IReadOnlyList<Observation> observations, bool settled)
    {
        var byId = observations.ToDictionary(o => o.Execution.Id, StringComparer.Ordinal);
        var children = observations.Select(o => o.Execution)
            .Where(e => e.Workflow is Catalog.ChildName or Catalog.BadChildName)
            .Select(e => (Child: e, Parent: Text(e.Input, "parent"), Attempt: Number(e.Input, "attempt")))
            .ToList();
        foreach (var group in children.GroupBy(c => (c.Parent, c.Attempt)))
        {
            var first = group.First().Child;
            if (group.Key.Parent is null || !byId.TryGetValue(group.Key.Parent, out var parent))
            {
                Add(first, "orphan-child", $"its parent {group.Key.Parent ?? "(none in the input)"} is not an execution");
                continue;
            }

            if (group.Count() > 1)
            {
                Add(parent.Execution, "child-twice", $"attempt {group.Key.Attempt} of its child task started {group.Count()} children: {string.Join(", ", group.Select(c => $"{c.Child.Id} ({c.Child.State})"))}");
            }

            if (Catalog.ByName[parent.Execution.Workflow].Child is not { } link || link.Workflow != first.Workflow)
            {
                Add(first, "wrong-child", $"started by {parent.Execution.Id} ({parent.Execution.Workflow})");
            }
        }

        foreach (var parent in observations.Where(o => settled && o.Execution.IsFinished))
        {
            if (Catalog.ByName.GetValueOrDefault(parent.Execution.Workflow)?.Child is not { } link)
            {
                continue;
            }

            foreach (var waiting in parent.History.Where(h => h.Name == link.Task && h.Cause == "waiting for child execution"))
            {
                var count = children.Count(c => c.Parent == parent.Execution.Id && c.Attempt == waiting.Attempt);
                if (count == 0)
                {
                    Add(parent.Execution, "child-missing", $"{waiting}, but no child execution names this parent and attempt");
                }
            }
        }
    }

    /// <summary>
    /// SPEC §5.7, §6: a token is accepted once (one answer without <c>duplicate</c>), answered 200 to the
    /// same body, and what was accepted is in the history: per (execution, task, outcome), the
    /// tokens answered 200 ≤ the history's callback transitions ≤ the tokens sent.
    /// </summary>
    private void CheckTokens(IReadOnlyList<Observation> observations)
    {
        var byId = observations.ToDictionary(o => o.Execution.Id, StringComparer.Ordinal);
        foreach (var token in ledger.Tokens)
        {
            var execution = byId.TryGetValue(token.ExecutionId, out var o) ? o.Execution : new ExecutionItem(token.ExecutionId, "?", "?", default);
            var answers = Ledger.Locked(token, t => t.Answers.ToList());
            if (answers.Count(a => a is { Status: 200, Duplicate: false }) > 1)
            {
                Add(execution, "token-accepted-twice", $"the {token.Kind} of task {token.Task} was answered 200 without duplicate {answers.Count(a => a is { Status: 200, Duplicate: false })} times");
            }

            foreach (var refused in answers.Where(a => a.Status != 200 || a.Problem is not null))
            {
                Add(execution, "token-refused", $"the {token.Kind} ({token.Outcome}) of task {token.Task} was answered {refused.Status}: {refused.Problem}");
            }
        }

        foreach (var group in ledger.Tokens.GroupBy(t => (t.ExecutionId, t.Task, t.Kind, t.Outcome)))
        {
            if (!byId.TryGetValue(group.Key.ExecutionId, out var observation))
            {
                continue;
            }

            var cause = (group.Key.Kind, group.Key.Outcome) switch
            {
                ("callback", "success") => "callback: success",
                ("callback", _) => "callback: failure",
                _ => "approved",
            };
            var inHistory = observation.History.Count(h => h.Subject == "task" && h.Name == group.Key.Task && h.Cause == cause);
            var answered = group.Count(t => Ledger.Locked(t, r => r.Answered));
            var sent = group.Count(t => Ledger.Locked(t, r => r.Sent) > 0);
            if (inHistory < answered || inHistory > sent)
            {
                Add(observation.Execution, "token-ledger-mismatch",
                    $"task {group.Key.Task}: {answered} {group.Key.Kind} token(s) answered 200 and {sent} sent with '{group.Key.Outcome}', but the history has {inHistory} '{cause}'");
            }
        }

        // A callback or decision in the history that the harness never sent.
        var sentFor = ledger.Tokens.Select(t => (t.ExecutionId, t.Task)).ToHashSet();
        foreach (var observation in observations)
        {
            foreach (var entry in observation.History.Where(h => h.Cause.StartsWith("callback: ", StringComparison.Ordinal) || h.Cause is "approved" or "rejected"))
            {
                if (!sentFor.Contains((observation.Execution.Id, entry.Name)))
                {
                    Add(observation.Execution, "token-ledger-mismatch", $"{entry}, but the harness sent nothing for that task");
                }
            }
        }
    }

    /// <summary>
    /// Why an unfinished execution is stuck, as far as the outside can tell: per unfinished task, what
    /// it waits on, and for an http attempt whether the target ever saw it (the job did not run, or
    /// failed before sending — an open circuit breaker does that) or answered it (the answer has not
    /// come back as a step). A read of a moving execution may be a moment behind.
    /// </summary>
    public string Diagnose(Observation observation, IReadOnlyList<Observation> all)
    {
        var (execution, tasks) = (observation.Execution, observation.Tasks);
        var spec = Catalog.ByName.GetValueOrDefault(execution.Workflow);
        var reasons = new List<string>();
        foreach (var task in tasks.Where(t => t.State is "RUNNING" or "WAITING" or "RETRYING" or "REVERTING"))
        {
            var key = $"{execution.Id}:{task.Name}:{task.Attempt}";
            reasons.Add((task.Action, task.State) switch
            {
                ("http", "RUNNING") => targetRequests(key).Where(r => r.Method == "POST").ToList() is { Count: > 0 } seen
                    ? $"http RUNNING, the target answered this attempt ({Statuses(seen)}) but no step has recorded it"
                    : "http RUNNING, the target never saw this attempt (its job has not run, or failed before sending: see the service log)",
                (_, "REVERTING") when spec?.HttpReverts.Contains(task.Name) == true => targetRequests(key).Any(r => r.Method == "DELETE")
                    ? "http revert REVERTING, the target answered it but no step has recorded it"
                    : "http revert REVERTING, the target never saw it (its job has not run, or failed before sending)",
                ("workflow", "WAITING") => all.Where(o => Text(o.Execution.Input, "parent") == execution.Id && Number(o.Execution.Input, "attempt") == task.Attempt)
                    .Select(o => o.Execution.State).ToList() switch
                {
                    [] => "workflow WAITING, no child execution yet (its start job has not run, or failed)",
                    [var child] when child is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED" => $"workflow WAITING, its child is {child} but the parent was not told",
                    var children => $"workflow WAITING on an unfinished child ({string.Join(", ", children)})",
                },
                (var action, var state) => $"{action} {state}",
            });
        }

        return reasons.Count == 0 ? "every task final, the execution not (or it moved between the reads)" : string.Join("; ", reasons.Distinct());
    }

    private static string Describe(IReadOnlyList<TaskItem> tasks) =>
        "tasks " + string.Join(", ", tasks.Select(t => $"{t.Name}={t.State}#{t.Attempt}" + (t.ErrorType is { } e ? $" ({e}: {t.ErrorMessage})" : string.Empty)));

    public static string DescribeTasks(IReadOnlyList<TaskItem> tasks) => Describe(tasks);

    private static TimeSpan? Duration(JsonElement input, string name)
    {
        try
        {
            return Text(input, name) is { } text ? XmlConvert.ToTimeSpan(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
              : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null
            : null;
}
