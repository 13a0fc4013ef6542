using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>An execution as stored: what it is found by, and its engine state.</summary>
/// <param name="Id">The execution's id.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Version">The definition version it runs.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="UpdatedAt">When a step last changed it.</param>
/// <param name="State">Its engine state (the plan included).</param>
public sealed record StoredExecution(Guid Id, string Workflow, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ExecutionState State);
