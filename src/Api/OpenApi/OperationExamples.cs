using System.Collections.Frozen;
using System.Collections.Immutable;

namespace WfaaS.Api.OpenApi;

/// <summary>One operation's example: its request body and parameters, the status it answers and the answer.</summary>
/// <param name="Status">The status the example answers when the steps before it ran.</param>
/// <param name="Request">The JSON request body, when the operation takes one (definitions: <see cref="DefinitionExamples"/>).</param>
/// <param name="Response">The JSON answer, when it has one.</param>
internal sealed record OperationExample(int Status, string? Request = null, string? Response = null)
{
    /// <summary>Parameter examples by name.</summary>
    public ImmutableDictionary<string, ParameterExample> Parameters { get; init; } = ImmutableDictionary<string, ParameterExample>.Empty;
}

/// <summary>
/// A parameter's example. With <paramref name="FromOperation"/>, the value comes from the answer of
/// that earlier step, at the JSON pointer <paramref name="Pointer"/>; a URL found there gives its last
/// path segment (the token of a <c>callback_url</c> or <c>approve_url</c>). <paramref name="Value"/>
/// is then what the example answer shows there.
/// </summary>
internal sealed record ParameterExample(string Value, string? FromOperation = null, string? Pointer = null);

/// <summary>
/// Examples shown in Swagger UI, one per operation, in scenario order: taken step by step against a
/// fresh service, every one answers its <see cref="OperationExample.Status"/>
/// (<c>OperationExampleScenarioTests</c>). The document carries the order and the sources as
/// <c>x-example</c> on each operation and <c>x-example-from</c> on each parameter.
/// </summary>
internal static class OperationExamples
{
    public const string ExecutionId = "019ab5f0-4c1e-7d2a-9f00-5b1c2d3e4f50";
    private const string CallbackToken = "OChjAJKCmDLfwozyfpgzEtAZenZqgiibs3endkYQf08";
    private const string ApprovalToken = "cJtp0IjoefygRLYKoyWs10YPZplXwhD07HEUcuiDSgo";

    // The definition is the one CreateWorkflow posts, as GET shows it (the document as JSON).
    private const string Workflow = $$"""
        {
          "name": "provision",
          "version": 1,
          "definition": {{DefinitionExamples.Json}},
          "content_type": "application/json",
          "created_at": "2026-11-24T08:00:00Z"
        }
        """;

    private const string Trigger = """
        {"name": "provision-nightly", "workflow": "provision", "input": {"image": "debian-13"}, "cron": "0 3 * * *", "time_zone": "UTC",
         "created_at": "2026-11-24T08:00:00Z", "next_run_at": "2026-11-25T03:00:00Z"}
        """;

    private static readonly ParameterExample FromStart = new(ExecutionId, "StartExecution", "/id");

    private static readonly ParameterExample Name = new("provision");

    private static readonly ParameterExample FromGet = new(CallbackToken, "GetExecution", "/waiting/0/callback_url");

    /// <summary>Every operation, in the order its example works: each step leaves what the next one needs.</summary>
    public static ImmutableArray<(string OperationId, OperationExample Example)> Scenario { get; } =
    [
        ("CreateWorkflow", new(201, Response: Workflow)),
        ("ValidateWorkflow", new(200, Response: """{"valid": true}""")),
        ("ListWorkflows", new(200, Response: """{"items": [{"name": "provision", "latest_version": 1, "created_at": "2026-11-24T08:00:00Z", "updated_at": "2026-11-24T08:00:00Z"}]}""")),
        ("GetWorkflow", new(200, Response: Workflow) { Parameters = Parameters(("name", Name)) }),
        ("GetWorkflowVersion", new(200, Response: Workflow) { Parameters = Parameters(("name", Name), ("version", new("1"))) }),
        ("GetWorkflowSchema", new(200)),
        // RUNNING: reserve done, checkpoint reserved reached, boot waits for its callback.
        ("StartExecution", new(201, """{"workflow": "provision", "input": {"image": "debian-13"}}""", Execution("RUNNING", "reserved", Boot))),
        ("ListExecutions", new(200, Response: $$"""{"items": [{{Execution("RUNNING", "reserved")}}], "next_cursor": null}""")
            { Parameters = Parameters(("workflow", Name), ("state", new("RUNNING"))) }),
        ("PauseExecution", new(200, Response: Execution("PAUSED", "reserved", Boot)) { Parameters = Parameters(("id", FromStart)) }),
        // From PAUSED, retry runs on (nothing failed, so nothing is reset).
        ("RetryExecution", new(200, Response: Execution("RUNNING", "reserved", Boot)) { Parameters = Parameters(("id", FromStart)) }),
        // boot is reverted (its callback URL voided) and PENDING again; stop: PAUSED.
        ("RevertExecution", new(200, """{"to_checkpoint": "reserved", "then": "stop"}""", Execution("PAUSED", "reserved")) { Parameters = Parameters(("id", FromStart)) }),
        // booted lies ahead: run until it is reached, then pause there; boot waits again, with a new callback URL.
        ("RunToCheckpoint", new(200, """{"checkpoint": "booted"}""", Execution("RUNNING", "reserved", Boot)) { Parameters = Parameters(("id", FromStart)) }),
        ("GetExecution", new(200, Response: Execution("RUNNING", "reserved", Boot)) { Parameters = Parameters(("id", FromStart)) }),
        ("GetTasks", new(200, Response: """
            {"items": [
              {"name": "reserve", "uuid": "3f0a6b1c-2d4e-8f50-9a1b-2c3d4e5f6a7b", "action": "noop", "state": "SUCCESS", "attempt": 1,
               "result": null, "error": null, "version": 2, "meta": null, "started_at": "2026-11-24T08:00:00Z", "finished_at": "2026-11-24T08:00:00Z", "index": null},
              {"name": "boot", "uuid": "8c1d2e3f-4a5b-8c6d-9e7f-0a1b2c3d4e5f", "action": "delegate", "state": "WAITING", "attempt": 2,
               "result": null, "error": null, "version": 6, "meta": null, "started_at": "2026-11-24T08:00:00Z", "finished_at": null, "index": null}]}
            """) { Parameters = Parameters(("id", FromStart)) }),
        ("GetHistory", new(200, Response: """
            {"items": [
              {"seq": 1, "at": "2026-11-24T08:00:00Z", "subject": "execution", "name": "provision", "from": null, "to": "RUNNING", "attempt": null, "cause": "start", "removed": null, "up_to_seq": null},
              {"seq": 2, "at": "2026-11-24T08:00:00Z", "subject": "task", "name": "reserve", "from": "PENDING", "to": "RUNNING", "attempt": 1, "cause": "ready", "removed": null, "up_to_seq": null}],
             "next_cursor": "cDoy"}
            """) { Parameters = Parameters(("id", FromStart), ("limit", new("2"))) }),
        ("GetExecutionGraph", new(200) { Parameters = Parameters(("id", FromStart)) }),
        // The external system keeps boot alive, then reports; booted is reached, so the execution pauses there.
        ("Heartbeat", new(204) { Parameters = Parameters(("token", FromGet)) }),
        ("Callback", new(200, """{"status": "success", "result": {"id": "vm-42"}}""", $$"""{"execution_id": "{{ExecutionId}}", "task": "boot", "duplicate": false}""")
            { Parameters = Parameters(("token", FromGet)) }),
        ("ResumeExecution", new(200, Response: Execution("RUNNING", "booted", $$"""{"task": "approve", "kind": "approval", "callback_url": "http://localhost:8080/api/v1/approvals/{{ApprovalToken}}", "due_at": null}"""))
            { Parameters = Parameters(("id", FromStart)) }),
        ("ListApprovals", new(200, Response: $$"""
            {"items": [{"execution_id": "{{ExecutionId}}", "task": "approve", "prompt": "Approve VM vm-42 from debian-13?",
              "approvers": null, "quorum": 1, "requested_at": "2026-11-24T08:00:00Z", "due_at": null,
              "approve_url": "http://localhost:8080/api/v1/approvals/{{ApprovalToken}}", "approve_urls": null}]}
            """) { Parameters = Parameters(("state", new("pending"))) }),
        ("Decide", new(200, """{"decision": "approve", "comment": "looks good", "by": "ann"}""", $$"""{"execution_id": "{{ExecutionId}}", "task": "approve", "duplicate": false}""")
            { Parameters = Parameters(("token", new(ApprovalToken, "ListApprovals", "/items/0/approve_url"))) }),
        // settle waits an hour; cancel ends the execution there.
        ("CancelExecution", new(200, Response: Execution("CANCELLED", "booted")) { Parameters = Parameters(("id", FromStart)) }),
        ("CreateTrigger", new(201, """{"name": "provision-nightly", "workflow": "provision", "input": {"image": "debian-13"}, "cron": "0 3 * * *", "time_zone": "UTC"}""", Trigger)),
        ("ListTriggers", new(200, Response: $$"""{"items": [{{Trigger}}]}""")),
        ("GetTrigger", new(200, Response: Trigger) { Parameters = Parameters(("name", new("provision-nightly"))) }),
        ("DeleteTrigger", new(204) { Parameters = Parameters(("name", new("provision-nightly"))) }),
        // Every execution of it is finished now.
        ("DeleteWorkflow", new(204) { Parameters = Parameters(("name", Name)) }),
    ];

    public static FrozenDictionary<string, OperationExample> ByOperation { get; } =
        Scenario.ToFrozenDictionary(s => s.OperationId, s => s.Example, StringComparer.Ordinal);

    /// <summary>Each operation's step, from 1.</summary>
    public static FrozenDictionary<string, int> Steps { get; } =
        Scenario.Select((s, i) => (s.OperationId, Step: i + 1)).ToFrozenDictionary(s => s.OperationId, s => s.Step, StringComparer.Ordinal);

    private static string Boot =>
        $$"""{"task": "boot", "kind": "callback", "callback_url": "http://localhost:8080/api/v1/callbacks/{{CallbackToken}}", "due_at": "2026-11-24T09:00:00Z"}""";

    private static string Execution(string state, string? checkpoint, string? waiting = null) => $$"""
        {
          "id": "{{ExecutionId}}",
          "workflow": "provision",
          "version": 1,
          "state": "{{state}}",
          "input": {"image": "debian-13"},
          "output": null,
          "error": null,
          "checkpoint": {{(checkpoint is null ? "null" : $"\"{checkpoint}\"")}},
          "created_at": "2026-11-24T08:00:00Z",
          "updated_at": "2026-11-24T08:00:00Z",
          "finished_at": {{(state == "CANCELLED" ? "\"2026-11-24T08:00:00Z\"" : "null")}},
          "waiting": [{{waiting}}]
        }
        """;

    private static ImmutableDictionary<string, ParameterExample> Parameters(params (string Name, ParameterExample Example)[] parameters) =>
        parameters.ToImmutableDictionary(p => p.Name, p => p.Example, StringComparer.Ordinal);
}
