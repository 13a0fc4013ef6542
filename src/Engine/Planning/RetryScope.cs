using System.Collections.Immutable;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Planning;

/// <summary>
/// SPEC §5.3 retry controller: a nested flow with <c>retry</c>, or a checkpoint with <c>retry</c>
/// (the items after it up to the next checkpoint or the end of its flow). A failure inside is
/// handled by reverting the scope's tasks, resetting them and running the scope again, up to
/// <see cref="Count"/> times; then by <see cref="Parent"/>, else by <c>on_failure</c>.
/// </summary>
public sealed record RetryScope(string Id, ScopeRetry Policy, ImmutableHashSet<string> Tasks, string? Parent)
{
    /// <summary>Runs after the first.</summary>
    public int Count => Policy.Retries;

    public TimeSpan Delay => Policy.Delay;
}
