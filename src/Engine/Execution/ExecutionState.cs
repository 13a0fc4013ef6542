using System.Collections.Immutable;
using System.Text.Json;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Execution;

/// <summary>
/// Everything the step function knows about one execution. Immutable: a step returns a new one.
/// The plan is shared by every execution of the definition version and is not part of the stored state.
/// </summary>
/// <param name="Id">The execution's id.</param>
/// <param name="Plan">The compiled plan of its definition version.</param>
/// <param name="Status">The execution's state (SPEC §4).</param>
/// <param name="Input">The input it was started with.</param>
/// <param name="Symbols">The named values: the declared inputs, then whatever tasks provide (SPEC §3.2).</param>
/// <param name="Tasks">Every task's detail, by name.</param>
/// <param name="Checkpoints">Every checkpoint's state, by name.</param>
/// <param name="Output">Set when the execution succeeds.</param>
/// <param name="Error">Set when a task failed for good.</param>
/// <param name="Checkpoint">The last checkpoint of the root flow that was reached.</param>
/// <param name="StopAt">Pause when this checkpoint is reached (SPEC §5.5 <c>stop_at</c>).</param>
/// <param name="LastSeq">The <c>seq</c> of the last history record.</param>
/// <param name="RevertTo">While an operator's revert runs: the checkpoint it stops at (null: everything).</param>
/// <param name="AfterRevert">What happens when the running revert is done.</param>
/// <param name="ScopeRetries">Retries used per retry scope (SPEC §5.3).</param>
/// <param name="RetryingScope">The retry scope being reverted to run again.</param>
/// <param name="ScopeHold">A retry scope waiting out its <c>delay</c> before it runs again.</param>
/// <param name="Runs">Runs of the root flow completed so far under <c>repeat</c> (SPEC §5.6).</param>
/// <param name="RepeatHold">Waiting out <c>repeat.every</c> before the next run.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="Parent">For a child execution: the parent's task that waits for it.</param>
/// <param name="LastTimer">The serial of the last timer scheduled (timers are numbered per execution).</param>
/// <param name="RevertAll">A scope with <c>then: revert_all</c> ran out of retries: everything that ran reverts (SPEC §5.3).</param>
public sealed record ExecutionState(
    Guid Id,
    ExecutionPlan Plan,
    ExecutionStatus Status,
    JsonElement Input,
    ImmutableDictionary<string, JsonElement> Symbols,
    ImmutableDictionary<string, TaskDetail> Tasks,
    ImmutableDictionary<string, CheckpointStatus> Checkpoints,
    JsonElement? Output,
    ExecutionError? Error,
    string? Checkpoint,
    string? StopAt,
    long LastSeq,
    DateTimeOffset? FinishedAt,
    string? RevertTo = null,
    AfterRevert AfterRevert = AfterRevert.End,
    ImmutableDictionary<string, int>? ScopeRetries = null,
    string? RetryingScope = null,
    string? ScopeHold = null,
    int Runs = 0,
    bool RepeatHold = false,
    ParentLink? Parent = null,
    long LastTimer = 0,
    bool RevertAll = false)
{
    /// <summary>Live timers of the execution itself: <c>repeat.every</c>, a retry scope's delay.</summary>
    public ImmutableArray<LiveTimer> Timers { get; init; } = [];

    /// <summary>A new execution, RUNNING with every task PENDING; step it with <c>ExecutionStarted</c>.</summary>
    public static ExecutionState Create(Guid id, ExecutionPlan plan, JsonElement input, string? stopAt = null, ParentLink? parent = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        input = input.Clone();
        var symbols = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        symbols.AddRange(InputSymbols(plan, input));

        return new ExecutionState(
            id,
            plan,
            ExecutionStatus.Running,
            input,
            symbols.ToImmutable(),
            plan.Tasks.ToImmutableDictionary(t => t.Name, t => TaskDetail.Pending(t.Name), StringComparer.Ordinal),
            plan.Checkpoints.ToImmutableDictionary(c => c.Name, _ => CheckpointStatus.Pending, StringComparer.Ordinal),
            Output: null,
            Error: null,
            Checkpoint: null,
            StopAt: stopAt,
            LastSeq: 0,
            FinishedAt: null,
            Parent: parent);
    }

    public bool IsFinished => Status.IsFinal();

    /// <summary>The symbols an execution's input seeds: the definition's declared inputs it supplies (SPEC §3.2).</summary>
    public static IEnumerable<KeyValuePair<string, JsonElement>> InputSymbols(ExecutionPlan plan, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var name in plan.Definition.Input)
        {
            if (input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value))
            {
                yield return KeyValuePair.Create(name, value);
            }
        }
    }

    public int RetriesUsed(string scope) => ScopeRetries?.GetValueOrDefault(scope) ?? 0;

    /// <summary>
    /// The state with <paramref name="token"/>, which Storage minted for a <c>MintToken</c> of this
    /// step, on <paramref name="task"/>'s attempt <paramref name="attempt"/>; unchanged when that
    /// attempt no longer waits (SPEC §6: the token would be gone at once).
    /// </summary>
    public ExecutionState WithToken(string task, int attempt, WaitToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Tasks.TryGetValue(task, out var detail) && detail is { Status: TaskDetailStatus.Waiting, Wait: WaitKind.Callback or WaitKind.Approval } && detail.Attempt == attempt
            ? this with { Tasks = Tasks.SetItem(task, detail with { Tokens = detail.Tokens.Add(token) }) }
            : this;
    }

    /// <summary>
    /// The state with every archived element of <paramref name="item"/> back in it (see
    /// <see cref="StepResult.Needs"/>); <paramref name="archived"/> are the archive's rows of that item.
    /// </summary>
    public ExecutionState WithArchived(string item, IEnumerable<TaskDetail> archived)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var detail = Tasks[item];
        if (detail.FanOut is not { } progress)
        {
            return this;
        }

        var back = archived.Where(t => t.Index is { } i && i < progress.Started && !progress.Live.Contains(i)).ToList();
        return this with
        {
            Tasks = Tasks.SetItems(back.Select(t => KeyValuePair.Create(t.Name, t))).SetItem(item, detail with
            {
                FanOut = progress with
                {
                    Live = [.. progress.Live.Concat(back.Select(t => t.Index!.Value)).Distinct().Order()],
                    Loaded = [.. progress.Loaded.Concat(back.Select(t => t.Index!.Value)).Distinct().Order()],
                    ArchivedFailures = 0,
                },
            }),
        };
    }

    /// <summary>
    /// Every task detail in definition order, each <c>for_each</c> item followed by its elements in index order (a fanned-out
    /// flow's element: its tasks' instances in plan order).
    /// </summary>
    public IEnumerable<TaskDetail> OrderedTasks()
    {
        foreach (var planned in Plan.Tasks)
        {
            var item = Tasks[planned.Name];
            yield return item;
            foreach (var index in item.FanOut?.Live ?? [])
            {
                foreach (var name in Plan.InstanceNames(planned.Name, index))
                {
                    yield return Tasks[name];
                }
            }
        }
    }
}
