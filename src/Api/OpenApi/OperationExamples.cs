namespace WfaaS.Api.OpenApi;

/// <summary>Examples shown in Swagger UI, by operation id: the request body and the success response.</summary>
internal static class OperationExamples
{
    private const string Workflow = """
        {
          "name": "hello",
          "version": 1,
          "definition": {"name": "hello", "input": ["who"], "output": ["greeting"], "flow": {"type": "linear", "items": [
            {"task": "greet", "action": "echo", "input": {"value": "Hello, ${who}!"}, "provides": "greeting"},
            {"task": "done", "action": "noop"}]}},
          "content_type": "application/yaml",
          "created_at": "2026-11-24T08:00:00Z"
        }
        """;

    private const string Execution = """
        {
          "id": "019ab5f0-4c1e-7d2a-9f00-5b1c2d3e4f50",
          "workflow": "hello",
          "version": 1,
          "state": "SUCCESS",
          "input": {"who": "Ada"},
          "output": {"greeting": "Hello, Ada!"},
          "error": null,
          "checkpoint": null,
          "created_at": "2026-11-24T08:00:00Z",
          "updated_at": "2026-11-24T08:00:00Z",
          "finished_at": "2026-11-24T08:00:00Z",
          "waiting": []
        }
        """;

    private const string Trigger = """
        {"name": "hello-hourly", "workflow": "hello", "input": {"who": "cron"}, "cron": "0 * * * *", "time_zone": "UTC",
         "created_at": "2026-11-24T08:00:00Z", "next_run_at": "2026-11-24T09:00:00Z"}
        """;

    public static IReadOnlyDictionary<string, (string? Request, string Response)> ByOperation { get; } =
        new Dictionary<string, (string?, string)>(StringComparer.Ordinal)
        {
            ["CreateWorkflow"] = (null, Workflow),
            ["GetWorkflow"] = (null, Workflow),
            ["GetWorkflowVersion"] = (null, Workflow),
            ["ValidateWorkflow"] = (null, """{"valid": true}"""),
            ["ListWorkflows"] = (null, """{"items": [{"name": "hello", "latest_version": 2, "created_at": "2026-11-24T08:00:00Z", "updated_at": "2026-11-24T09:00:00Z"}]}"""),
            ["StartExecution"] = ("""{"workflow": "hello", "input": {"who": "Ada"}}""", Execution),
            ["GetExecution"] = (null, Execution),
            ["ListExecutions"] = (null, $$"""{"items": [{{Execution}}], "next_cursor": null}"""),
            ["GetTasks"] = (null, """
                {"items": [{"name": "greet", "uuid": "3f0a6b1c-2d4e-8f50-9a1b-2c3d4e5f6a7b", "action": "echo", "state": "SUCCESS", "attempt": 1,
                  "result": "Hello, Ada!", "error": null, "version": 2, "meta": null,
                  "started_at": "2026-11-24T08:00:00Z", "finished_at": "2026-11-24T08:00:00Z"}]}
                """),
            ["RunToCheckpoint"] = ("""{"checkpoint": "reserved"}""", Execution.Replace("\"SUCCESS\"", "\"PAUSED\"", StringComparison.Ordinal)),
            ["RevertExecution"] = ("""{"to_checkpoint": "reserved", "then": "stop"}""", Execution.Replace("\"SUCCESS\"", "\"PAUSED\"", StringComparison.Ordinal)),
            ["Callback"] = ("""{"status": "success", "result": {"id": "vm-42"}}""", """{"execution_id": "019ab5f0-4c1e-7d2a-9f00-5b1c2d3e4f50", "task": "boot", "duplicate": false}"""),
            ["Decide"] = ("""{"decision": "approve", "comment": "looks good", "by": "ann"}""", """{"execution_id": "019ab5f0-4c1e-7d2a-9f00-5b1c2d3e4f50", "task": "approve", "duplicate": false}"""),
            ["CreateTrigger"] = ("""{"name": "hello-hourly", "workflow": "hello", "input": {"who": "cron"}, "cron": "0 * * * *", "time_zone": "UTC"}""", Trigger),
            ["PauseExecution"] = (null, Execution.Replace("\"SUCCESS\"", "\"PAUSED\"", StringComparison.Ordinal)),
            ["ResumeExecution"] = (null, Execution.Replace("\"SUCCESS\"", "\"RUNNING\"", StringComparison.Ordinal)),
            ["CancelExecution"] = (null, Execution.Replace("\"SUCCESS\"", "\"CANCELLED\"", StringComparison.Ordinal)),
            ["RetryExecution"] = (null, Execution.Replace("\"SUCCESS\"", "\"RUNNING\"", StringComparison.Ordinal)),
            ["ListApprovals"] = (null, """
                {"items": [{"execution_id": "019ab5f0-4c1e-7d2a-9f00-5b1c2d3e4f50", "task": "approve", "prompt": "Approve VM vm-42 from debian-13?",
                  "approvers": ["ops"], "requested_at": "2026-11-24T08:00:00Z", "due_at": null,
                  "approve_url": "http://localhost:8080/api/v1/approvals/tSIAXK_H6UkNHswFVRgNl4oQfQmP8BmqfoRabu0qUpM"}]}
                """),
            ["GetTrigger"] = (null, Trigger),
            ["ListTriggers"] = (null, $$"""{"items": [{{Trigger}}]}"""),
            ["GetHistory"] = (null, """
                {"items": [
                  {"seq": 1, "at": "2026-11-24T08:00:00Z", "subject": "execution", "name": "hello", "from": null, "to": "RUNNING", "attempt": null, "cause": "start"},
                  {"seq": 2, "at": "2026-11-24T08:00:00Z", "subject": "task", "name": "greet", "from": "PENDING", "to": "RUNNING", "attempt": 1, "cause": "ready"}],
                 "next_cursor": "cDoy"}
                """),
        };
}
