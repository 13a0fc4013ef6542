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
    private static TaskNode NodeOf(ExecutionState state, string name) => state.Plan.NodeOf(name);

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
    /// and the execution runs; finished elements are archived while others still run; when every
    /// element has finished, the results are gathered in index order (a failed element's slot is
    /// null) and the item succeeds with them. True when it moved.
    /// </summary>
    private static bool AdvanceFanOut(StepContext step, PlannedTask item)
    {
        var detail = step.Task(item.Name);
        if (detail.Status != TaskDetailStatus.Running || detail.FanOut is not { } progress)
        {
            return false;
        }

        if (item.Element is not null)
        {
            return AdvanceFlowFanOut(step, item, progress);
        }

        var fanOut = item.Node.ForEach!;
        var live = Live(step, item.Name, progress);
        var failed = live.Where(e => e.Status == TaskDetailStatus.Failure).ToList();
        if (progress.ArchivedFailures + failed.Count > fanOut.MaxFailures)
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

        var active = live.Count(e => Active.Contains(e.Status));
        var again = live.Where(e => e.Status == TaskDetailStatus.Pending).ToList();
        var moved = false;
        if (again.Count > 0 && active < fanOut.Concurrency && step.State.Status == ExecutionStatus.Running)
        {
            // Elements whose retry came due while the execution was paused run again first.
            var resumed = again.Take(fanOut.Concurrency - active).ToList();
            resumed.ForEach(e => Start(step, e.Name, "retry"));
            resumed.ForEach(e => Run(step, e.Name, item.Node));
            active += resumed.Count;
            again = again[resumed.Count..];
            moved = true;
        }

        active += again.Count;
        if (progress.Started < progress.Total && active < fanOut.Concurrency && step.State.Status == ExecutionStatus.Running)
        {
            var count = Math.Min(fanOut.Concurrency - active, progress.Total - progress.Started);
            var indexes = Enumerable.Range(progress.Started, count).ToList();
            progress = Progress(step, item.Name) with
            {
                Started = progress.Started + count,
                Live = [.. Progress(step, item.Name).Live.Concat(indexes)],
            };
            step.SetTask(step.Task(item.Name) with { FanOut = progress });
            foreach (var index in indexes)
            {
                step.SetTask(TaskDetail.Pending(InstanceName.Of(item.Name, index)) with { Index = index });
                Start(step, InstanceName.Of(item.Name, index), "for_each element");
            }

            foreach (var index in indexes)
            {
                Run(step, InstanceName.Of(item.Name, index), item.Node);
            }

            moved = true;
        }

        progress = Progress(step, item.Name);
        live = Live(step, item.Name, progress);
        if (progress.Started < progress.Total || live.Any(e => Active.Contains(e.Status) || e.Status == TaskDetailStatus.Pending))
        {
            return moved;
        }

        if (progress.Archived > 0)
        {
            step.Need(item.Name);
            return false;
        }

        var gathered = Json.Array([.. live.Select(e => e.Status == TaskDetailStatus.Success ? e.Result ?? Json.Null : Json.Null)]);
        Complete(step, item.Name, gathered, $"all {progress.Total} elements finished");

        // The elements go back to the archive: the ones that came from it unchanged need no write.
        Archive(step, item.Name, live.Where(e => !progress.Loaded.Contains(e.Index!.Value)));
        Drop(step, item.Name, progress.Loaded);
        return true;
    }

    /// <summary>
    /// At the end of a step, the finished elements of items still fanning out leave the state for
    /// the archive (not earlier: the step itself may still gather them).
    /// </summary>
    private static void ArchiveFinished(StepContext step)
    {
        foreach (var item in step.State.Plan.Tasks.Where(t => t.Node.ForEach is not null))
        {
            if (step.Task(item.Name) is { Status: TaskDetailStatus.Running, FanOut: { } flowProgress } && item.Element is not null)
            {
                ArchiveFinishedElements(step, item, flowProgress);
            }
            else if (step.Task(item.Name) is { Status: TaskDetailStatus.Running, FanOut: { } progress })
            {
                Archive(step, item.Name, Live(step, item.Name, progress)
                    .Where(e => e.Status is TaskDetailStatus.Success or TaskDetailStatus.Failure && !progress.Loaded.Contains(e.Index!.Value)));
            }
        }
    }

    private static FanOutProgress Progress(StepContext step, string item) => step.Task(item).FanOut!;

    private static List<TaskDetail> Live(StepContext step, string item, FanOutProgress progress) =>
        [.. progress.Live.Select(i => step.Task(InstanceName.Of(item, i)))];

    /// <summary>Finished elements leave the state for the archive (an <c>ArchiveTask</c> each).</summary>
    private static void Archive(StepContext step, string item, IEnumerable<TaskDetail> elements)
    {
        var leaving = elements.ToList();
        foreach (var element in leaving)
        {
            step.Emit(new Effects.ArchiveTask(element));
        }

        // An element of a fanned-out flow is several details; it counts once, as failed if one of them failed.
        Drop(step, item, [.. leaving.Select(e => e.Index!.Value).Distinct()],
            failures: leaving.Where(e => e.Status == TaskDetailStatus.Failure).Select(e => e.Index!.Value).Distinct().Count());
    }

    /// <summary>Elements leave the state (their archive rows already say what they are).</summary>
    private static void Drop(StepContext step, string item, IReadOnlyCollection<int> indexes, int failures = 0)
    {
        if (indexes.Count == 0)
        {
            return;
        }

        var progress = Progress(step, item);
        step.State = step.State with { Tasks = step.State.Tasks.RemoveRange(indexes.SelectMany(i => step.State.Plan.InstanceNames(item, i))) };
        step.SetTask(step.Task(item) with
        {
            FanOut = progress with
            {
                Live = progress.Live.RemoveRange(indexes),
                Loaded = progress.Loaded.RemoveRange(indexes),
                ArchivedFailures = progress.ArchivedFailures + failures,
            },
        });
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

        if (detail.FanOut is { Archived: > 0 })
        {
            step.Need(item.Name);
            return false;
        }

        if (item.Element is not null && detail.FanOut is not null)
        {
            return RevertFlowFanOut(step, item);
        }

        var elements = detail.FanOut is { } progress ? Live(step, item.Name, progress) : [];
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
        if (step.Task(item.Name).FanOut is not null)
        {
            Archive(step, item.Name, elements.Select(e => step.Task(e.Name)));
        }

        return true;
    }
}
