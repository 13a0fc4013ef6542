namespace WfaaS.Storage.Executions;

/// <param name="Workflow">Only executions of this workflow.</param>
/// <param name="State">Only executions in this state (wire form, e.g. <c>RUNNING</c>).</param>
/// <param name="Limit">Page size.</param>
/// <param name="Before">Keyset cursor: only executions older than this insertion number.</param>
public sealed record ExecutionFilter(string? Workflow, string? State, int Limit, long? Before);
