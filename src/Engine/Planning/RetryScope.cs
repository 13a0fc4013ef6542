using System.Collections.Immutable;

namespace WfaaS.Engine.Planning;

/// <summary>
/// SPEC §5.3 retry controller: a nested flow with <c>retry</c>, or a checkpoint with <c>retry</c>
/// (the items after it up to the next checkpoint or the end of its flow). A failure inside is
/// handled by reverting the scope's tasks, resetting them and running the scope again, up to
/// <see cref="Count"/> times; then by <see cref="Parent"/>, else by <c>on_failure</c>.
/// </summary>
public sealed record RetryScope(string Id, int Count, TimeSpan Delay, ImmutableHashSet<string> Tasks, string? Parent);
