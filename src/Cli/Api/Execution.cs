using System.Text.Json;

namespace WfaaS.Cli.Api;

// The few fields of SPEC §6's answers the text output reads. The CLI keeps its own records, so it
// shares no code with src/Api: it is a client of the wire contract like any other. Unknown fields
// are ignored, so the service may add some without breaking it.
/// <summary><c>GET /executions/{id}</c>.</summary>
internal sealed record Execution(
    Guid Id,
    string Workflow,
    int Version,
    string State,
    JsonElement? Output,
    ExecutionError? Error,
    string? Checkpoint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<Waiting>? Waiting)
{
    /// <summary>SPEC §4: the states an execution does not leave by itself.</summary>
    public bool IsFinished => State is "SUCCESS" or "REVERTED" or "FAILED" or "CANCELLED";
}
