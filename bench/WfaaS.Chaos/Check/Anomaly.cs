namespace WfaaS.Chaos.Check;

/// <summary>
/// Something the service did that its contract (SPEC §1, §5) rules out, found in what it stored or answered.
/// </summary>
/// <param name="Kind">A short class name (<c>seq-gap</c>, <c>transition-twice</c>, <c>wrong-final-state</c>…).</param>
/// <param name="ExecutionId">The execution, when it concerns one.</param>
/// <param name="Workflow">Its workflow.</param>
/// <param name="State">Its state when it was read.</param>
/// <param name="Detail">What was seen, with the entries that show it.</param>
internal sealed record Anomaly(string Kind, string? ExecutionId, string? Workflow, string? State, string Detail)
{
    public static Anomaly Of(ExecutionItem execution, string kind, string detail) =>
        new(kind, execution.Id, execution.Workflow, execution.State, detail);

    public override string ToString() =>
        ExecutionId is null ? $"[{Kind}] {Detail}" : $"[{Kind}] {ExecutionId} ({Workflow}, {State}): {Detail}";
}
