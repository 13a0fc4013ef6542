using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Execution;

/// <summary>
/// The builder of one step: the state as it evolves and the effects decided so far. Every state
/// change goes through a <c>Move…</c> method, so no transition skips its table or its history.
/// </summary>
internal sealed class StepContext(ExecutionState state, DateTimeOffset now)
{
    private readonly List<Effect> _effects = [];

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
        next = update?.Invoke(next) ?? next;
        State = next.IsFinished ? next with { FinishedAt = now } : next;
    }

    public TaskDetail MoveTask(string name, TaskTrigger trigger, string cause, Func<TaskDetail, TaskDetail>? update = null)
    {
        var task = Task(name);
        var to = TaskTransitions.Table.Next(task.Status, trigger);
        var moved = task with { Status = to, Version = task.Version + 1 };
        moved = update?.Invoke(moved) ?? moved;
        Record(HistorySubject.Task, name, WireNames.Of(task.Status), WireNames.Of(to), moved.Attempt, cause);
        State = State with { Tasks = State.Tasks.SetItem(name, moved) };
        return moved;
    }

    public void MoveCheckpoint(string name, CheckpointTrigger trigger, string cause)
    {
        var from = State.Checkpoints[name];
        var to = CheckpointTransitions.Table.Next(from, trigger);
        Record(HistorySubject.Checkpoint, name, WireNames.Of(from), WireNames.Of(to), attempt: null, cause);
        State = State with { Checkpoints = State.Checkpoints.SetItem(name, to) };
    }

    public StepResult Finish() => new(State, [.. _effects]);

    private void Record(HistorySubject subject, string name, string? from, string to, int? attempt, string cause)
    {
        var seq = State.LastSeq + 1;
        State = State with { LastSeq = seq };
        _effects.Add(new RecordHistory(new HistoryRecord(seq, now, subject, name, from, to, attempt, cause)));
    }
}
