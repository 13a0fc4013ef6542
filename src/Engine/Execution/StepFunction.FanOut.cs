using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

public static partial class StepFunction
{
    private static readonly TaskDetailStatus[] Active = [TaskDetailStatus.Running, TaskDetailStatus.Waiting, TaskDetailStatus.Retrying];

    /// <summary>The task a name runs: its own, or its element's item's (SPEC §3.6).</summary>
    private static TaskNode NodeOf(ExecutionState state, string name) => state.Plan.Task(InstanceName.ItemOf(name)).Node;

    /// <summary>
    /// SPEC §3.6: a ready <c>for_each</c> item resolves its array and fans out; not an array fails
    /// it with <c>ForEachNotArray</c>, more than 10,000 elements with <c>TooManyItems</c>, an empty
    /// array succeeds at once with <c>[]</c>. The first elements start in <see cref="AdvanceFanOut"/>.
    /// </summary>
    private static void FanOut(StepContext step, PlannedTask item)
    {
        var fanOut = item.Node.ForEach!;
        if (Elements(step.State, fanOut) is not { } elements)
        {
            FailWithoutStarting(step, item.Name, new TaskError("ForEachNotArray", $"'{fanOut.Source}' is not an array."));
            return;
        }

        if (elements.Count > Definitions.FanOut.MaxElements)
        {
            FailWithoutStarting(step, item.Name, new TaskError(
                "TooManyItems", $"'{fanOut.Source}' has {elements.Count} elements; at most {Definitions.FanOut.MaxElements} may fan out."));
            return;
        }

        Start(step, item.Name, $"for_each: {elements.Count} elements");
        step.SetTask(step.Task(item.Name) with { FanOut = new FanOutProgress(elements.Count, 0) });
        AdvanceFanOut(step, item);
    }

    /// <summary>The elements <c>for_each</c> names, or null when that is not an array.</summary>
    private static IReadOnlyList<JsonElement>? Elements(ExecutionState state, FanOut fanOut)
    {
        var reference = fanOut.Source.Resolve(state.Plan.Symbols);
        return state.Symbols.TryGetValue(reference.Root, out var root)
            && InputBinder.TryNavigate(root, reference.Path.Segments, out var value)
            && value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray()]
                : null;
    }

    /// <summary>
    /// Moves a fanned-out item on: one failure past <c>max_failures</c> fails the item (no new element
    /// starts); otherwise elements start in index order while fewer than <c>concurrency</c> are active
    /// and the execution runs; when every element has finished, the results are gathered in index
    /// order (a failed element's slot is null) and the item succeeds with them. True when it moved.
    /// </summary>
    private static bool AdvanceFanOut(StepContext step, PlannedTask item)
    {
        var detail = step.Task(item.Name);
        if (detail.Status != TaskDetailStatus.Running || detail.FanOut is not { } progress)
        {
            return false;
        }

        var fanOut = item.Node.ForEach!;
        var elements = Enumerable.Range(0, progress.Started).Select(i => step.Task(InstanceName.Of(item.Name, i))).ToList();
        var failed = elements.Where(e => e.Status == TaskDetailStatus.Failure).ToList();
        if (failed.Count > fanOut.MaxFailures)
        {
            var last = failed.MaxBy(e => (e.FinishedAt, e.Index))!;
            step.MoveTask(item.Name, TaskTrigger.Fail, $"element {last.Name} failed", t => t with
            {
                Error = last.Error,
                FinishedAt = step.Now,
                FanOut = progress with { FailedBy = last.Name },
            });
            return true;
        }

        var active = elements.Count(e => Active.Contains(e.Status));
        var again = elements.Where(e => e.Status == TaskDetailStatus.Pending).ToList();
        if (again.Count > 0 && active < fanOut.Concurrency && step.State.Status == ExecutionStatus.Running)
        {
            // Elements whose retry came due while the execution was paused run again first.
            var resumed = again.Take(fanOut.Concurrency - active).ToList();
            resumed.ForEach(e => Start(step, e.Name, "retry"));
            resumed.ForEach(e => Run(step, e.Name, item.Node));
            return true;
        }

        active += again.Count;
        if (progress.Started < progress.Total)
        {
            if (active >= fanOut.Concurrency || step.State.Status != ExecutionStatus.Running)
            {
                return false;
            }

            var count = Math.Min(fanOut.Concurrency - active, progress.Total - progress.Started);
            var started = Enumerable.Range(progress.Started, count).Select(i => InstanceName.Of(item.Name, i)).ToList();
            step.SetTask(step.Task(item.Name) with { FanOut = progress with { Started = progress.Started + count } });
            for (var i = 0; i < count; i++)
            {
                step.SetTask(TaskDetail.Pending(started[i]) with { Index = progress.Started + i });
                Start(step, started[i], "for_each element");
            }

            foreach (var name in started)
            {
                Run(step, name, item.Node);
            }

            return true;
        }

        if (active > 0)
        {
            return false;
        }

        var gathered = Json.Array([.. elements.Select(e => e.Status == TaskDetailStatus.Success ? e.Result ?? Json.Null : Json.Null)]);
        Complete(step, item.Name, gathered, $"all {progress.Total} elements finished");
        return true;
    }

    /// <summary>
    /// Reverts a fanned-out item (SPEC §3.6, §5.2): the item is REVERTING while its elements revert —
    /// waiting ones are cancelled and reverted, running ones first finish — each element that ran
    /// reverted the last to finish first, up to <c>concurrency</c> reverts at once; then REVERTED.
    /// </summary>
    /// <returns>Null when the revert of an element failed (the execution is FAILED); else whether it moved.</returns>
    private static bool? RevertFanOut(StepContext step, PlannedTask item)
    {
        var detail = step.Task(item.Name);
        if (detail.Status != TaskDetailStatus.Reverting)
        {
            step.MoveTask(item.Name, TaskTrigger.Revert, "reverting its elements");
            detail = step.Task(item.Name);
        }

        var elements = Enumerable.Range(0, detail.FanOut?.Started ?? 0).Select(i => step.Task(InstanceName.Of(item.Name, i))).ToList();
        var reverting = elements.Count(e => e.Status == TaskDetailStatus.Reverting);
        var candidates = elements
            .Where(e => e.Status is TaskDetailStatus.Waiting or TaskDetailStatus.Retrying or TaskDetailStatus.Success or TaskDetailStatus.Failure)
            .OrderBy(e => e.Status is TaskDetailStatus.Waiting or TaskDetailStatus.Retrying ? 0 : 1)
            .ThenByDescending(e => e.FinishedAt)
            .ThenByDescending(e => e.Index)
            .Take(Math.Max(0, item.Node.ForEach!.Concurrency - reverting))
            .ToList();
        foreach (var element in candidates)
        {
            if (!Revert(step, element.Name, item.Node))
            {
                return null;
            }
        }

        if (candidates.Count > 0)
        {
            return true;
        }

        if (elements.Any(e => e.Status is TaskDetailStatus.Reverting or TaskDetailStatus.Running))
        {
            return false;
        }

        step.MoveTask(item.Name, TaskTrigger.RevertComplete, "every element reverted", t => t with { FinishedAt = step.Now });
        return true;
    }
}
