using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

/// <summary>
/// The builder of one step: the state as it evolves and the effects decided so far. Every state
/// change goes through a <c>Move…</c> method, so no transition skips its table or its history,
/// and every move settles what the phase it ends left behind: its timers are cancelled, the tokens
/// of its wait voided, the child it waited for cancelled. Neither Storage nor Scheduler works out
/// on its own what an event settles (SPEC §1).
/// </summary>
internal sealed class StepContext(ExecutionState state, DateTimeOffset now)
{
    private readonly List<Effect> _effects = [];
    private readonly SortedSet<string> _needs = new(StringComparer.Ordinal);
    private readonly ExecutionState _given = state;

    public ExecutionState State { get; set; } = state;

    public DateTimeOffset Now => now;

    public TaskDetail Task(string name) => State.Tasks[name];

    public void Emit(Effect effect) => _effects.Add(effect);

    public void RecordCreated(string cause) =>
        Record(HistorySubject.Execution, State.Plan.Definition.Name, from: null, WireNames.Of(State.Status), attempt: null, cause);

    public void MoveExecution(ExecutionTrigger trigger, string cause, Func<ExecutionState, ExecutionState>? update = null)
    {
        var from = State.Status;
        var to = ExecutionTransitions.Table.Next(from, trigger);
        Record(HistorySubject.Execution, State.Plan.Definition.Name, WireNames.Of(from), WireNames.Of(to), attempt: null, cause);
        var next = State with { Status = to };
        State = update?.Invoke(next) ?? next;
        if (State.IsFinished)
        {
            Conclude();
        }
    }

    public TaskDetail MoveTask(string name, TaskTrigger trigger, string cause, Func<TaskDetail, TaskDetail>? update = null)
    {
        var task = Task(name);
        var to = TaskTransitions.Table.Next(task.Status, trigger);
        // A move that stays in its state (an approval short of the quorum) ends no phase: nothing to settle.
        var moved = (to == task.Status ? task : Settle(task)) with { Status = to, Version = task.Version + 1 };
        if (trigger == TaskTrigger.Reset && moved.FanOut is { } fanOut)
        {
            // The item starts over: its elements of the run before go, archived or not (SPEC §3.6).
            State = State with { Tasks = State.Tasks.RemoveRange(fanOut.Live.SelectMany(i => State.Plan.InstanceNames(name, i))) };
            _effects.Add(new DropArchive(name));
            moved = moved with { FanOut = null };
        }

        moved = update?.Invoke(moved) ?? moved;
        Record(HistorySubject.Task, name, WireNames.Of(task.Status), WireNames.Of(to), moved.Attempt, cause);
        SetTask(moved);
        return moved;
    }

    public void MoveCheckpoint(string name, CheckpointTrigger trigger, string cause)
    {
        var from = State.Checkpoints[name];
        var to = CheckpointTransitions.Table.Next(from, trigger);
        Record(HistorySubject.Checkpoint, name, WireNames.Of(from), WireNames.Of(to), attempt: null, cause);
        State = State with { Checkpoints = State.Checkpoints.SetItem(name, to) };
    }

    /// <summary>A durable timer of <paramref name="task"/>'s current phase, or of the execution when <paramref name="task"/> is null.</summary>
    public void ScheduleTimer(string? task, TimerKind kind, DateTimeOffset dueAt)
    {
        var timer = new LiveTimer(State.LastTimer + 1, kind, dueAt);
        State = State with { LastTimer = timer.Serial };
        if (task is null)
        {
            State = State with { Timers = State.Timers.Add(timer) };
        }
        else
        {
            SetTask(Task(task) with { Timers = Task(task).Timers.Add(timer) });
        }

        _effects.Add(new ScheduleTimer(timer.Serial, task, kind, dueAt));
    }

    /// <summary>The live timer that <paramref name="fired"/> names, taken out of the state (it fired); null when it is not live.</summary>
    public LiveTimer? TakeFired(TimerFired fired)
    {
        var timers = fired.Task is null ? State.Timers : State.Tasks.TryGetValue(fired.Task, out var task) ? task.Timers : [];
        if (timers.FirstOrDefault(t => t.Serial == fired.Serial) is not { } live)
        {
            return null;
        }

        if (fired.Task is null)
        {
            State = State with { Timers = State.Timers.Remove(live) };
        }
        else
        {
            SetTask(Task(fired.Task) with { Timers = timers.Remove(live) });
        }

        return live;
    }

    /// <summary>Cancels <paramref name="task"/>'s live timers of <paramref name="kind"/> (a heartbeat replaces its deadline).</summary>
    public void CancelTimers(string task, TimerKind kind)
    {
        var detail = Task(task);
        foreach (var timer in detail.Timers.Where(t => t.Kind == kind))
        {
            _effects.Add(new CancelTimer(timer.Serial));
        }

        SetTask(detail with { Timers = detail.Timers.RemoveAll(t => t.Kind == kind) });
    }

    /// <summary>Cancels the execution's own live timers of <paramref name="kind"/>.</summary>
    public void CancelExecutionTimers(TimerKind kind)
    {
        foreach (var timer in State.Timers.Where(t => t.Kind == kind))
        {
            _effects.Add(new CancelTimer(timer.Serial));
        }

        State = State with { Timers = State.Timers.RemoveAll(t => t.Kind == kind) };
    }

    /// <summary>The party <paramref name="task"/> waited for has answered: nothing of its wait is left to void or cancel.</summary>
    public void Answered(string task) => SetTask(Task(task) with { Wait = null, Tokens = [] });

    /// <summary>The step needs every archived element of <paramref name="item"/> (see <see cref="StepResult.Needs"/>).</summary>
    public void Need(string item) => _needs.Add(item);

    public StepResult Finish() => _needs.Count > 0 ? new(_given, [], [.. _needs]) : new(State, [.. _effects]);

    /// <summary>The phase <paramref name="task"/> is in ends: what it scheduled, minted or started for it goes.</summary>
    private TaskDetail Settle(TaskDetail task)
    {
        foreach (var timer in task.Timers)
        {
            _effects.Add(new CancelTimer(timer.Serial));
        }

        switch (task.Wait)
        {
            case WaitKind.Callback or WaitKind.Approval:
                _effects.Add(new VoidTokens(task.Name, task.Attempt));
                break;
            case WaitKind.Child:
                _effects.Add(new CancelChild(task.Name, task.Attempt));
                break;
            default:
                break;
        }

        return task.Timers.IsEmpty && task.Wait is null && task.Tokens.IsEmpty ? task : task with { Timers = [], Wait = null, Tokens = [] };
    }

    /// <summary>
    /// A final state (SPEC §5.5 <c>cancel</c> voids tokens and timers): nothing of the execution is
    /// left waiting, and a parent hears how its child ended.
    /// </summary>
    private void Conclude()
    {
        foreach (var task in State.OrderedTasks().Where(t => !t.Timers.IsEmpty || t.Wait is not null))
        {
            SetTask(Settle(task));
        }

        foreach (var timer in State.Timers)
        {
            _effects.Add(new CancelTimer(timer.Serial));
        }

        State = State with { Timers = [], FinishedAt = now };
        if (State.Parent is { } parent)
        {
            var succeeded = State.Status == ExecutionStatus.Success;
            var error = succeeded ? null : new TaskError(
                State.Error?.Type ?? "ChildFailed",
                $"Child execution {State.Id} ended {WireNames.Of(State.Status)}" + (State.Error is { } e ? $": {e.Message}" : "."));
            _effects.Add(new NotifyParent(parent, new ChildFinished(parent.Task, parent.Attempt, succeeded, succeeded ? State.Output : null, error)));
        }
    }

    /// <summary>Puts <paramref name="task"/> into the state: a new <c>for_each</c> element, or a field of one that is not a move.</summary>
    public void SetTask(TaskDetail task) => State = State with { Tasks = State.Tasks.SetItem(task.Name, task) };

    private void Record(HistorySubject subject, string name, string? from, string to, int? attempt, string cause)
    {
        var seq = State.LastSeq + 1;
        State = State with { LastSeq = seq };
        _effects.Add(new RecordHistory(new HistoryRecord(seq, now, subject, name, from, to, attempt, cause)));
    }
}
