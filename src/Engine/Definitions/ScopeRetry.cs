using System.Collections.Immutable;
using System.Text.Json;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// SPEC §5.3: retry controller of a nested flow or of a checkpoint's scope. With <see cref="Values"/>
/// (TaskFlow's <c>ForEach</c>) the scope runs once per value, each failure moving to the next;
/// otherwise it runs again up to <see cref="Count"/> times. <see cref="Provides"/> publishes the pass
/// number (1, 2, …) or the pass's value; <see cref="Then"/> <c>revert_all</c>: once used up, the whole execution
/// reverts at once and no enclosing scope's retry is consulted (TaskFlow's <c>revert_all=True</c>).
/// </summary>
public sealed record ScopeRetry(int Count, TimeSpan Delay, ImmutableArray<JsonElement> Values = default, string? Provides = null, RetryThen Then = RetryThen.Propagate)
{
    /// <summary>Runs after the first: <see cref="Count"/>, or one fewer than the values.</summary>
    public int Retries => Values.IsDefaultOrEmpty ? Count : Values.Length - 1;

    /// <summary>What <see cref="Provides"/> holds on pass <paramref name="pass"/> (1-based).</summary>
    public JsonElement ValueOf(int pass) =>
        Values.IsDefaultOrEmpty ? JsonSerializer.SerializeToElement(pass) : Values[Math.Min(pass, Values.Length) - 1];
}
