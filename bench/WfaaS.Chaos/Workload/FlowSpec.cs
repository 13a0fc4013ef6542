using System.Collections.Immutable;

namespace WfaaS.Chaos.Workload;

/// <summary>What answers the workflow's waits from outside: nothing, a callback, or an approval.</summary>
internal enum Responder
{
    None,
    Callback,
    Approval,
}

/// <summary>A <c>wait</c> task and how long it waits: the execution input <paramref name="InputName"/>, or <paramref name="Fixed"/>.</summary>
internal sealed record WaitSpec(string Task, string? InputName, TimeSpan? Fixed);

/// <summary>
/// One workflow of the workload and everything the checks know about it in advance: the final state
/// of every execution of it, the attempt each task must end on, the retry delays, the waits, the
/// order a revert must follow, and which tasks talk to the harness's http target.
/// </summary>
internal sealed record FlowSpec
{
    public required string Name { get; init; }

    /// <summary>The definition as JSON; <c>{TARGET}</c> stands for the http target's base URL.</summary>
    public required string Definition { get; init; }

    /// <summary>The final state every execution of it must reach.</summary>
    public required string Expected { get; init; }

    /// <summary>How often the starting loops pick it, relative to the others; 0: only started as a child.</summary>
    public int Weight { get; init; }

    public Responder Responder { get; init; }

    /// <summary>Tasks whose final attempt is known (the others end on attempt 1 when they ran).</summary>
    public ImmutableDictionary<string, int> Attempts { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Tasks with a <c>retry</c>, and its (fixed) delay.</summary>
    public ImmutableDictionary<string, TimeSpan> RetryDelays { get; init; } = ImmutableDictionary<string, TimeSpan>.Empty;

    public ImmutableArray<WaitSpec> Waits { get; init; } = [];

    /// <summary>For a linear flow that must revert: its tasks in flow order (reverted in the opposite order, SPEC §5.2).</summary>
    public ImmutableArray<string> RevertOrder { get; init; } = [];

    /// <summary>Tasks whose revert action is an <c>http</c> call to the target.</summary>
    public ImmutableArray<string> HttpReverts { get; init; } = [];

    /// <summary>The task that starts a child execution, and the child's workflow.</summary>
    public (string Task, string Workflow)? Child { get; init; }

    /// <summary>
    /// For <see cref="Responder.Callback"/>: whether the n-th (0-based) callback token of an execution
    /// is answered with a failure (the attempt fails and the task's retry runs it again).
    /// </summary>
    public Func<int, bool> FailCallback { get; init; } = _ => false;

    /// <summary>The execution input, drawn from the loop's random source.</summary>
    public Func<Random, ImmutableDictionary<string, object>> Input { get; init; } = _ => ImmutableDictionary<string, object>.Empty;
}
