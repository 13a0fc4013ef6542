using WfaaS.Engine.Binding;

namespace WfaaS.Engine.Definitions;

/// <summary>
/// SPEC §3.6 <c>for_each</c>: the item runs once per element of the array <see cref="Source"/> names,
/// <see cref="As"/> naming the element inside; at most <see cref="Concurrency"/> elements at once;
/// up to <see cref="MaxFailures"/> may fail.
/// </summary>
public sealed record FanOut(Placeholder Source, string As, int Concurrency, int MaxFailures)
{
    public const string DefaultAs = "item";
    public const int DefaultConcurrency = 10;
    public const int MaxConcurrency = 1_000;

    /// <summary>More elements than this fail the item with <c>TooManyItems</c>.</summary>
    public const int MaxElements = 10_000;
}
