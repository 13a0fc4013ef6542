using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

public sealed class ActionInputRuleTests
{
    private static string Task(string action, string input) =>
        Linear($$"""{"task": "t", "action": "{{action}}", "input": {{input}}}""");

    [Fact]
    public void Check_InputNotAnObject_IsAnError()
    {
        AssertErrors(Validate(Task("echo", "[1]")), ("flow.items[0].input", "must be an object, not an array"));
        AssertErrors(Validate(Task("noop", "null")), ("flow.items[0].input", "must be an object, not null"));
        AssertValid(Validate(Task("noop", "{}")));
    }

    [Fact]
    public void Check_Noop_RejectsAnyInputProperty()
    {
        AssertErrors(Validate(Task("noop", """{"value": 1}""")), ("flow.items[0].input.value", "unknown property 'value'"));
        AssertValid(Validate(Linear(Noop("t"))));
    }

    [Fact]
    public void Check_Echo_RequiresValue()
    {
        AssertErrors(Validate(Linear("""{"task": "t", "action": "echo"}""")), ("flow.items[0].input.value", "required property 'value' is missing"));
        AssertValid(Validate(Task("echo", """{"value": null}""")));
        AssertValid(Validate(Task("echo", """{"value": {"any": ["json", 1, {"unknown": true}]}}""")));
    }

    [Fact]
    public void Check_Fail_RequiresStringMessage()
    {
        AssertErrors(Validate(Task("fail", """{"message": 5, "type": false, "code": 1}""")),
            ("flow.items[0].input.code", "unknown property 'code'"),
            ("flow.items[0].input.message", "must be a string, not a number"),
            ("flow.items[0].input.type", "must be a string, not a boolean"));
        AssertErrors(Validate(Task("fail", "{}")), ("flow.items[0].input.message", "required property 'message' is missing"));
        AssertValid(Validate(Task("fail", """{"message": "boom", "type": "Custom"}""")));
    }

    [Fact]
    public void Check_Wait_RequiresExactlyOneOfDurationOrUntil()
    {
        AssertErrors(Validate(Task("wait", "{}")), ("flow.items[0].input", "set exactly one of 'duration' (ISO 8601) or 'until' (RFC 3339)"));
        AssertErrors(Validate(Linear("""{"task": "t", "action": "wait"}""")), ("flow.items[0].input", "set exactly one of 'duration' (ISO 8601) or 'until' (RFC 3339)"));
        AssertErrors(Validate(Task("wait", """{"duration": "PT1S", "until": "2026-01-01T00:00:00Z"}""")),
            ("flow.items[0].input", "set exactly one of 'duration' or 'until', not both"));
        AssertErrors(Validate(Task("wait", """{"duration": "P1M"}""")),
            ("flow.items[0].input.duration", "'P1M' uses years or months, which have no fixed length; use weeks, days or hours instead (e.g. P30D)"));
        AssertErrors(Validate(Task("wait", """{"until": "2026-01-01T00:00:00"}""")),
            ("flow.items[0].input.until", "must be an RFC 3339 timestamp with an offset, such as 2026-01-31T12:00:00Z, not '2026-01-01T00:00:00'"));
        AssertValid(Validate(Task("wait", """{"duration": "PT2S"}""")));
        AssertValid(Validate(Task("wait", """{"until": "2026-01-01T00:00:00+01:00"}""")));
    }

    [Fact]
    public void Check_Http_ChecksEveryField()
    {
        var input = """{"method": "FETCH", "url": "/relative", "headers": {"X-A": 1}, "body": {"free": ["json"]}, "timeout": "PT0S", "success_codes": [200, 700, "x"], "retries": 3}""";

        AssertErrors(Validate(Task("http", input)),
            ("flow.items[0].input.retries", "unknown property 'retries'"),
            ("flow.items[0].input.method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not 'FETCH'"),
            ("flow.items[0].input.url", "must be an absolute http or https URL, not '/relative'"),
            ("flow.items[0].input.headers.X-A", "must be a string, not a number"),
            ("flow.items[0].input.timeout", "must be longer than zero"),
            ("flow.items[0].input.success_codes[1]", "must be an HTTP status code from 100 to 599"),
            ("flow.items[0].input.success_codes[2]", "must be an HTTP status code from 100 to 599"));
    }

    [Fact]
    public void Check_HttpCorrected_IsValid() =>
        AssertValid(Validate(Task("http", """{"method": "PATCH", "url": "https://api.example/x?y=1", "headers": {"X-A": "1"}, "body": {"free": ["json"]}, "timeout": "PT10S", "success_codes": [200, 404]}""")));

    [Fact]
    public void Check_Http_RequiresMethodAndUrl()
    {
        AssertErrors(Validate(Task("http", "{}")),
            ("flow.items[0].input.method", "required property 'method' is missing"),
            ("flow.items[0].input.url", "required property 'url' is missing"));
        AssertErrors(Validate(Task("http", """{"method": "get", "url": "ftp://files.example/x"}""")),
            ("flow.items[0].input.method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not 'get'"),
            ("flow.items[0].input.url", "must be an absolute http or https URL, not 'ftp://files.example/x'"));
    }

    [Fact]
    public void Check_PlaceholderValues_AreNotCheckedUntilRunTime()
    {
        var input = """{"method": "${verb}", "url": "${base}/items", "headers": "${headers}", "timeout": "${t}", "success_codes": ["${ok}", 200]}""";

        AssertValid(Validate(Workflow(Flow("linear", $$"""{"task": "t", "action": "http", "input": {{input}}}"""), "\"input\": [\"verb\", \"base\", \"headers\", \"t\", \"ok\"]")));
    }

    [Fact]
    public void Check_InterpolatedStringForNonStringField_IsAnError()
    {
        AssertErrors(Validate(Workflow(Flow("linear", """{"task": "t", "action": "workflow", "input": {"workflow": "child", "version": "v${n}"}}"""), "\"input\": [\"n\"]")),
            ("flow.items[0].input.version", "must be a whole number; only a string that is exactly one placeholder can supply it"));
        AssertValid(Validate(Workflow(Flow("linear", """{"task": "t", "action": "workflow", "input": {"workflow": "child", "version": "${n}"}}"""), "\"input\": [\"n\"]")));
    }

    [Fact]
    public void Check_Delegate_AllOptionalButChecked()
    {
        AssertErrors(Validate(Task("delegate", """{"url": "jobs.example/boot", "method": "SEND", "headers": [], "callback": "x"}""")),
            ("flow.items[0].input.callback", "unknown property 'callback'"),
            ("flow.items[0].input.url", "must be an absolute http or https URL, not 'jobs.example/boot'"),
            ("flow.items[0].input.method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not 'SEND'"),
            ("flow.items[0].input.headers", "must be an object of header names to strings, not an array"));
        AssertValid(Validate(Linear("""{"task": "t", "action": "delegate"}""")));
        AssertValid(Validate(Task("delegate", """{"url": "http://jobs.example/boot", "method": "PUT", "headers": {"A": "b"}, "body": [1]}""")));
    }

    [Fact]
    public void Check_Approval_RequiresPrompt()
    {
        AssertErrors(Validate(Task("approval", """{"approvers": ["ann", 3]}""")),
            ("flow.items[0].input.prompt", "required property 'prompt' is missing"),
            ("flow.items[0].input.approvers[1]", "must be a string, not a number"));
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "approvers": "ann"}""")),
            ("flow.items[0].input.approvers", "must be an array of strings, not a string"));
        AssertValid(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann", "bob"]}""")));
    }

    [Fact]
    public void Check_ApprovalQuorum_FromOneToTheNumberOfApproversAndOnlyWithThem()
    {
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann", "bob"], "quorum": 3}""")),
            ("flow.items[0].input.quorum", "must be a whole number from 1 to the number of approvers (2)"));
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann", "bob"], "quorum": 0}""")),
            ("flow.items[0].input.quorum", "must be a whole number from 1 to the number of approvers (2)"));
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann"], "quorum": 1.5}""")),
            ("flow.items[0].input.quorum", "must be a whole number from 1 to the number of approvers (1)"));
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "quorum": 1}""")),
            ("flow.items[0].input.quorum", "needs 'approvers': a quorum counts named approvers"));
        AssertErrors(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann", "ann"]}""")),
            ("flow.items[0].input.approvers", "lists 'ann' more than once"));
        AssertValid(Validate(Task("approval", """{"prompt": "ok?", "approvers": ["ann", "bob"], "quorum": 2}""")));
    }

    [Fact]
    public void Check_Workflow_RequiresNameAndChecksVersionAndInput()
    {
        AssertErrors(Validate(Task("workflow", """{"workflow": "child wf", "version": 0, "input": [1]}""")),
            ("flow.items[0].input.workflow", "'child wf' is not a valid workflow name"),
            ("flow.items[0].input.version", "must be a whole number of at least 1"),
            ("flow.items[0].input.input", "must be an object, not an array"));
        AssertErrors(Validate(Task("workflow", "{}")), ("flow.items[0].input.workflow", "required property 'workflow' is missing"));
        AssertValid(Validate(Task("workflow", """{"workflow": "child", "version": 2, "input": {"a": {"free": true}}}""")));
    }

    [Fact]
    public void Check_RevertInput_FollowsTheRevertAction()
    {
        AssertErrors(Validate(Linear("""{"task": "t", "action": "noop", "revert": {"action": "http", "input": {"method": "DELETE"}}}""")),
            ("flow.items[0].revert.input.url", "required property 'url' is missing"));
        AssertValid(Validate(Linear("""{"task": "t", "action": "noop", "revert": {"action": "http", "input": {"method": "DELETE", "url": "http://x/${ctx.result}"}}}""")));
    }
}
