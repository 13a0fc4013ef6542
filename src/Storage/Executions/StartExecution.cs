using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Planning;
using WfaaS.Storage.Definitions;

namespace WfaaS.Storage.Executions;

/// <summary>A request to start <paramref name="Definition"/>, already checked by the caller.</summary>
/// <param name="Definition">The definition version to run.</param>
/// <param name="Plan">Its compiled plan.</param>
/// <param name="Input">The execution input (an object).</param>
/// <param name="StopAt">A checkpoint to pause at.</param>
/// <param name="IdempotencyKey">The client's <c>Idempotency-Key</c>, if any.</param>
/// <param name="RequestHash">A hash of the request body: the same key with another body is refused.</param>
/// <param name="Parent">The <c>workflow</c> task that starts it, for a child execution.</param>
public sealed record StartExecution(
    DefinitionRef Definition, ExecutionPlan Plan, JsonElement Input, string? StopAt, string? IdempotencyKey, string RequestHash, ParentLink? Parent = null);
