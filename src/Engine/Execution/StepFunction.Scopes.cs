using System.Collections.Immutable;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    /// <summary>
    /// SPEC §5.3, TASKFLOW.md rules 12–14: the nearest enclosing scope with retries left handles the
    /// failures, if they all lie inside it; a nested scope's retry is tried before its parent's. A
    /// scope with <c>then: revert_all</c> whose retries are used up stops the search: the whole
    /// execution reverts (<paramref name="revertAll"/>).
    /// </summary>
    private static RetryScope? ScopeFor(ExecutionState state, ImmutableArray<TaskFailure> failures, out bool revertAll)
    {
        revertAll = false;
        if (state.Status != ExecutionStatus.Running || state.RetryingScope is not null
            || !state.Plan.TaskScopes.TryGetValue(InstanceName.ItemOf(failures[0].Task), out var id))
        {
            return null;
        }

        for (var scope = state.Plan.ScopesById[id]; ; scope = state.Plan.ScopesById[scope.Parent])
        {
            var inside = failures.All(f => scope.Tasks.Contains(InstanceName.ItemOf(f.Task)));
            if (inside && state.RetriesUsed(scope.Id) < scope.Count)
            {
                return scope;
            }

            if (inside && scope.Policy.Then == Definitions.RetryThen.RevertAll)
            {
                revertAll = true;
                return null;
            }

            if (scope.Parent is null)
            {
                return null;
            }
        }
    }

    /// <summary>SPEC §5.3: each scope retry's <c>provides</c> holds its pass number, or its pass's value.</summary>
    private static void PublishPasses(StepContext step)
    {
        foreach (var scope in step.State.Plan.Scopes.Where(s => s.Policy.Provides is not null))
        {
            step.State = step.State with
            {
                Symbols = step.State.Symbols.SetItem(scope.Policy.Provides!, scope.Policy.ValueOf(step.State.RetriesUsed(scope.Id) + 1)),
            };
        }
    }

    /// <summary>
    /// Reverts the retrying scope's tasks newest first (TASKFLOW.md rule 13: tasks before the scope are
    /// untouched); when all are reverted, resets them and the scope runs again, after its delay.
    /// </summary>
    private static bool ScopeRevertWave(StepContext step)
    {
        var scope = step.State.Plan.ScopesById[step.State.RetryingScope!];
        var candidates = step.State.Plan.Tasks
            .Where(t => scope.Tasks.Contains(t.Name) && NeedsRevertNow(step, t)
                && t.Successors.All(s => NeverRan(step.Task(s).Status) || step.Task(s).Status == TaskDetailStatus.Reverted))
            .Reverse()
            .ToList();
        if (candidates.Count > 0)
        {
            if (RevertAll(step, candidates))
            {
                return true;
            }

            if (step.State.Status == ExecutionStatus.Failed)
            {
                step.State = step.State with { RetryingScope = null };
            }

            return false;
        }

        if (scope.Tasks.Any(t => step.Task(t).Status is TaskDetailStatus.Reverting or TaskDetailStatus.Running))
        {
            return false;
        }

        foreach (var task in step.State.Plan.Tasks.Where(t => scope.Tasks.Contains(t.Name) && step.Task(t.Name).Status is TaskDetailStatus.Reverted or TaskDetailStatus.Skipped))
        {
            step.MoveTask(task.Name, TaskTrigger.Reset, $"retry scope {scope.Id}");
        }

        foreach (var checkpoint in step.State.Plan.Checkpoints.Where(c =>
            step.State.Checkpoints[c.Name] == CheckpointStatus.Reached && c.Before.Any(scope.Tasks.Contains)))
        {
            step.MoveCheckpoint(checkpoint.Name, CheckpointTrigger.Reset, $"retry scope {scope.Id}");
        }

        var used = step.State.RetriesUsed(scope.Id) + 1;
        var retries = (step.State.ScopeRetries ?? ImmutableDictionary<string, int>.Empty)
            .RemoveRange(step.State.Plan.Scopes.Where(s => s.Id != scope.Id && s.Tasks.IsSubsetOf(scope.Tasks)).Select(s => s.Id))
            .SetItem(scope.Id, used);
        var hold = scope.Delay > TimeSpan.Zero ? scope.Id : null;
        step.State = step.State with { ScopeRetries = retries, RetryingScope = null, ScopeHold = hold };
        PublishPasses(step);
        if (hold is not null)
        {
            step.ScheduleTimer(null, TimerKind.ScopeRetry, step.Now + scope.Delay);
        }

        return true;
    }
}
