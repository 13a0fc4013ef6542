using System.Collections.Immutable;

namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §5.2: <paramref name="Count"/> re-runs after the first attempt; an empty <paramref name="On"/> retries every error type.</summary>
public sealed record RetryPolicy(int Count, TimeSpan Delay, BackoffKind Backoff, TimeSpan? MaxDelay, ImmutableArray<string> On);
