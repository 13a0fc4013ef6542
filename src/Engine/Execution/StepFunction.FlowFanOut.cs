using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

/// <summary>
/// SPEC §3.6 <c>for_each</c> on a nested flow. The flow is one item of the plan (named after it) whose
/// <see cref="FanOutProgress"/> counts elements as for a task; element <c>i</c> is the task details
/// <c>deploy[i].&lt;task&gt;</c>, one per task of the flow, created together when the element starts. Inside
/// an element, an instance is ready when the same element's instances of its predecessors are done
/// (<see cref="ElementPlan"/>), and it binds the element's own symbols first: those its element's
/// instances provided, <c>as</c> and <c>${ctx.index}</c>. Outside, each symbol provided inside is the array
/// of the elements' values (null for an element that did not succeed).
/// </summary>
public static partial class StepFunction
{
    /// <summary>The same as <see cref="AdvanceFanOut"/>, for a fanned-out flow's elements.</summary>
    private static bool AdvanceFlowFanOut(StepContext step, PlannedTask item, FanOutProgress progress)
    {
        var fanOut = item.Node.ForEach!;
        var failed = progress.Live.Where(i => HasFailed(step, item, i)).ToList();
        if (progress.ArchivedFailures + failed.Count > fanOut.MaxFailures)
        {
            var last = failed.SelectMany(i => Instances(step, item, i)).Where(t => t.Status == TaskDetailStatus.Failure).MaxBy(t => (t.FinishedAt, t.Index))!;
            step.MoveTask(item.Name, TaskTrigger.Fail, $"element {InstanceName.Of(item.Name, last.Index!.Value)} failed", t => t with
            {
                Error = last.Error,
                FinishedAt = step.Now,
                FanOut = progress with { FailedBy = last.Name },
            });
            return true;
        }

        if (step.State.Status != ExecutionStatus.Running)
        {
            return false;
        }

        // Inside each element that has not failed, its ready tasks start together (SPEC §5.1); a failed
        // element starts nothing more, its running tasks finish.
        var moved = false;
        foreach (var index in progress.Live.Where(i => !failed.Contains(i)))
        {
            moved |= RunElementWave(step, item, index);
        }

        if (moved)
        {
            // An element may just have failed: count the failures again before another element starts.
            return true;
        }

        progress = Progress(step, item.Name);
        var active = progress.Live.Count(i => IsElementActive(step, item, i));
        if (progress.Started < progress.Total && active < fanOut.Concurrency)
        {
            var count = Math.Min(fanOut.Concurrency - active, progress.Total - progress.Started);
            var indexes = Enumerable.Range(progress.Started, count).ToList();
            step.SetTask(step.Task(item.Name) with
            {
                FanOut = progress with { Started = progress.Started + count, Live = [.. progress.Live.Concat(indexes)] },
            });
            foreach (var index in indexes)
            {
                foreach (var task in item.Element!.Tasks)
                {
                    step.SetTask(TaskDetail.Pending(InstanceName.Of(item.Name, index, task.Name)) with { Index = index });
                }
            }

            foreach (var index in indexes)
            {
                RunElementWave(step, item, index);
            }

            return true;
        }

        progress = Progress(step, item.Name);
        if (progress.Started < progress.Total || progress.Live.Any(i => IsElementActive(step, item, i)))
        {
            return false;
        }

        if (progress.Archived > 0)
        {
            step.Need(item.Name);
            return false;
        }

        GatherFlow(step, item, progress);
        return true;
    }

    /// <summary>Starts the ready instances of element <paramref name="index"/> together, then runs them.</summary>
    private static bool RunElementWave(StepContext step, PlannedTask item, int index)
    {
        var ready = item.Element!.Tasks
            .Where(t => step.Task(InstanceName.Of(item.Name, index, t.Name)).Status == TaskDetailStatus.Pending
                && t.Predecessors.All(p => IsDone(step.Task(InstanceName.Of(item.Name, index, p)).Status)))
            .ToList();
        foreach (var task in ready)
        {
            Start(step, InstanceName.Of(item.Name, index, task.Name), "ready");
        }

        foreach (var task in ready)
        {
            Run(step, InstanceName.Of(item.Name, index, task.Name), task.Node);
        }

        return ready.Count > 0;
    }

    /// <summary>
    /// Every element finished: each symbol provided inside becomes the array of the elements' values in
    /// index order (null where the element failed); the item's result is the array of the elements'
    /// symbols (an object each, null for a failed element). The elements go to the archive.
    /// </summary>
    private static void GatherFlow(StepContext step, PlannedTask item, FanOutProgress progress)
    {
        var element = item.Element!;
        var values = progress.Live
            .Select(i => Instances(step, item, i).All(t => IsDone(t.Status)) ? LocalSymbols(step, item, i) : null)
            .ToList();
        foreach (var symbol in element.Provided)
        {
            if (step.State.Plan.Providers[symbol].FirstOrDefault(p => p != item.Name && step.Task(p).Status == TaskDetailStatus.Success) is { } first)
            {
                step.MoveTask(item.Name, TaskTrigger.Fail, "symbol conflict", t => t with
                {
                    Error = new TaskError("SymbolConflict", $"'{symbol}' was already provided by task '{first}'."),
                    FinishedAt = step.Now,
                });
                return;
            }
        }

        var symbols = step.State.Symbols.SetItems(element.Provided.Select(symbol => KeyValuePair.Create(
            symbol, Json.Array([.. values.Select(v => v?.GetValueOrDefault(symbol) is { } value && value.ValueKind != JsonValueKind.Undefined ? value : Json.Null)]))));
        var result = Json.Array([.. values.Select(v => v is null
            ? Json.Null
            : Json.Object([.. element.Provided.Select(s => (s, (JsonElement?)(v.TryGetValue(s, out var value) ? value : Json.Null)))]))]);
        var loaded = progress.Loaded;
        step.MoveTask(item.Name, TaskTrigger.Complete, $"all {progress.Total} elements finished", t => t with { Result = result, FinishedAt = step.Now });
        step.State = step.State with { Symbols = symbols };

        // The elements go back to the archive: the ones that came from it unchanged need no write.
        Archive(step, item.Name, progress.Live.Where(i => !loaded.Contains(i)).SelectMany(i => Instances(step, item, i)));
        Drop(step, item.Name, loaded);
    }

    /// <summary>
    /// What element <paramref name="index"/>'s instances provided (SPEC §3.6: local to the element): each
    /// instance that succeeded in this run, or is being reverted after it did, by its task's <c>provides</c>.
    /// </summary>
    private static ImmutableDictionary<string, JsonElement> LocalSymbols(StepContext step, PlannedTask item, int index)
    {
        var symbols = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var task in item.Element!.Tasks.Where(t => t.Node.Provides is not null))
        {
            if (!step.State.Tasks.TryGetValue(InstanceName.Of(item.Name, index, task.Name), out var detail)
                || detail.Attempt == 0
                || detail.Status is not (TaskDetailStatus.Success or TaskDetailStatus.Reverting or TaskDetailStatus.Reverted or TaskDetailStatus.RevertFailure))
            {
                continue;
            }

            var provides = task.Node.Provides!;
            if (provides.WholeName is { } whole)
            {
                symbols[whole] = detail.Result ?? Json.Null;
            }

            foreach (var path in provides.Paths)
            {
                if (detail.Result is { } result && InputBinder.TryNavigate(result, path.Path.Segments, out var part))
                {
                    symbols[path.Name] = part;
                }
            }
        }

        return symbols.ToImmutable();
    }

    /// <summary>Finished elements of a running fanned-out flow leave the state for the archive (see <see cref="ArchiveFinished"/>).</summary>
    private static void ArchiveFinishedElements(StepContext step, PlannedTask item, FanOutProgress progress) =>
        Archive(step, item.Name, progress.Live
            .Where(i => !progress.Loaded.Contains(i) && !IsElementActive(step, item, i))
            .SelectMany(i => Instances(step, item, i)));

    /// <summary>
    /// Reverts a fanned-out flow (SPEC §3.6, §5.2): the item is REVERTING while its elements revert —
    /// elements with a waiting or retrying task first, then the last to finish first (ties: the higher
    /// index first), at most <c>concurrency</c> elements at once; inside an element, in reverse
    /// dependency order, running tasks finishing first, the failed task's own revert included.
    /// </summary>
    /// <returns>Null when a revert failed (the execution is FAILED); else whether it moved.</returns>
    private static bool? RevertFlowFanOut(StepContext step, PlannedTask item)
    {
        var progress = step.Task(item.Name).FanOut!;
        var element = item.Element!;
        bool InFlight(int index) => Instances(step, item, index).Any(t => t.Status is TaskDetailStatus.Reverting or TaskDetailStatus.Running);
        bool Pending(int index) => Instances(step, item, index).Any(t => NeedsRevert.Contains(t.Status));
        var elements = progress.Live
            .Where(i => InFlight(i) || Pending(i))
            .OrderBy(i => Instances(step, item, i).Any(t => t.Status is TaskDetailStatus.Waiting or TaskDetailStatus.Retrying) ? 0 : 1)
            .ThenByDescending(i => Instances(step, item, i).Max(t => t.FinishedAt))
            .ThenByDescending(i => i)
            .Take(item.Node.ForEach!.Concurrency)
            .ToList();
        var moved = false;
        foreach (var index in elements)
        {
            string Name(string task) => InstanceName.Of(item.Name, index, task);
            var candidates = element.Tasks
                .Where(t => NeedsRevert.Contains(step.Task(Name(t.Name)).Status)
                    && t.Successors.All(s => NeverRan(step.Task(Name(s)).Status) || step.Task(Name(s)).Status == TaskDetailStatus.Reverted))
                .Reverse()
                .ToList();
            foreach (var task in candidates)
            {
                if (!Revert(step, Name(task.Name), task.Node))
                {
                    return null;
                }

                moved = true;
            }
        }

        if (moved)
        {
            return true;
        }

        if (progress.Live.Any(InFlight))
        {
            return false;
        }

        step.MoveTask(item.Name, TaskTrigger.RevertComplete, "every element reverted", t => t with { FinishedAt = step.Now });
        Archive(step, item.Name, progress.Live.SelectMany(i => Instances(step, item, i)));
        return true;
    }

    private static IEnumerable<TaskDetail> Instances(StepContext step, PlannedTask item, int index) =>
        step.State.Plan.InstanceNames(item.Name, index).Select(step.Task);

    private static bool HasFailed(StepContext step, PlannedTask item, int index) =>
        Instances(step, item, index).Any(t => t.Status == TaskDetailStatus.Failure);

    /// <summary>An element is active while a task of it runs, waits or retries, or, unless it failed, has yet to run.</summary>
    private static bool IsElementActive(StepContext step, PlannedTask item, int index)
    {
        var failed = false;
        var pending = false;
        foreach (var task in Instances(step, item, index))
        {
            if (Active.Contains(task.Status))
            {
                return true;
            }

            failed |= task.Status == TaskDetailStatus.Failure;
            pending |= task.Status == TaskDetailStatus.Pending;
        }

        return pending && !failed;
    }
}
