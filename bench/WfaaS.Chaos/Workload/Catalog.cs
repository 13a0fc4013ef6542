using System.Collections.Immutable;

namespace WfaaS.Chaos.Workload;

/// <summary>The workload's workflows. Every one ends in a state known in advance (SPEC §5).</summary>
internal static class Catalog
{
    public const string ChildName = "chaos-child";
    public const string BadChildName = "chaos-child-bad";

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly string[] WaitDurations = ["PT1S", "PT2S", "PT3S"];

    public static ImmutableArray<FlowSpec> All { get; } =
    [
        new()
        {
            Name = "chaos-linear",
            Weight = 3,
            Expected = "SUCCESS",
            Input = rng => Input(("n", rng.Next(1, 1000))),
            Definition = """
                {"name": "chaos-linear", "input": ["n"], "output": ["greeting"], "flow": {"type": "linear", "items": [
                  {"task": "a", "action": "noop"},
                  {"task": "b", "action": "echo", "input": {"value": "hello ${n}"}, "provides": "greeting"},
                  {"task": "c", "action": "noop"},
                  {"task": "d", "action": "echo", "input": {"value": "${greeting}"}},
                  {"task": "e", "action": "noop"}]}}
                """,
        },
        new()
        {
            Name = "chaos-delegate",
            Weight = 2,
            Expected = "SUCCESS",
            Responder = Responder.Callback,
            Definition = """
                {"name": "chaos-delegate", "flow": {"type": "linear", "items": [
                  {"task": "prepare", "action": "echo", "input": {"value": "${ctx.execution_id}"}},
                  {"task": "job", "action": "delegate", "provides": "job_result"},
                  {"task": "after", "action": "echo", "input": {"value": "${job_result}"}}]}}
                """,
        },
        new()
        {
            // The first callback reports a failure; the retry's callback a success.
            Name = "chaos-delegate-retry",
            Weight = 1,
            Expected = "SUCCESS",
            Responder = Responder.Callback,
            FailCallback = n => n == 0,
            Attempts = ImmutableDictionary<string, int>.Empty.Add("job", 2),
            RetryDelays = ImmutableDictionary<string, TimeSpan>.Empty.Add("job", OneSecond),
            Definition = """
                {"name": "chaos-delegate-retry", "flow": {"type": "linear", "items": [
                  {"task": "job", "action": "delegate", "retry": {"count": 1, "delay": "PT1S"}},
                  {"task": "after", "action": "noop"}]}}
                """,
        },
        new()
        {
            Name = "chaos-approval",
            Weight = 2,
            Expected = "SUCCESS",
            Responder = Responder.Approval,
            Definition = """
                {"name": "chaos-approval", "flow": {"type": "linear", "items": [
                  {"task": "ask", "action": "approval", "input": {"prompt": "Go ahead with ${ctx.execution_id}?"}, "provides": "approval"},
                  {"task": "after", "action": "echo", "input": {"value": "${approval.decision}"}}]}}
                """,
        },
        new()
        {
            Name = "chaos-wait",
            Weight = 2,
            Expected = "SUCCESS",
            Input = rng => Input(("d", WaitDurations[rng.Next(WaitDurations.Length)])),
            Waits = [new WaitSpec("nap", "d", null)],
            Definition = """
                {"name": "chaos-wait", "input": ["d"], "flow": {"type": "linear", "items": [
                  {"task": "nap", "action": "wait", "input": {"duration": "${d}"}},
                  {"task": "after", "action": "noop"}]}}
                """,
        },
        new()
        {
            // Attempts 1 and 2 get 409 from the target; attempt 3 succeeds.
            Name = "chaos-http-retry",
            Weight = 2,
            Expected = "SUCCESS",
            Attempts = ImmutableDictionary<string, int>.Empty.Add("call", 3),
            RetryDelays = ImmutableDictionary<string, TimeSpan>.Empty.Add("call", OneSecond),
            Definition = """
                {"name": "chaos-http-retry", "flow": {"type": "linear", "items": [
                  {"task": "call", "action": "http", "input": {"method": "POST", "url": "{TARGET}/flaky?fail=2", "timeout": "PT10S"},
                   "retry": {"count": 3, "delay": "PT1S"}},
                  {"task": "after", "action": "noop"}]}}
                """,
        },
        new()
        {
            // One 503, retried by the service's Polly pipeline inside the attempt. Under load the
            // pipeline's circuit for the target may open (other executions' 503s): that fails the
            // attempt at once (HttpError), and the task's own retry carries it past the break.
            Name = "chaos-http-transient",
            Weight = 1,
            Expected = "SUCCESS",
            RetryDelays = ImmutableDictionary<string, TimeSpan>.Empty.Add("call", OneSecond),
            Definition = """
                {"name": "chaos-http-transient", "flow": {"type": "linear", "items": [
                  {"task": "call", "action": "http", "input": {"method": "POST", "url": "{TARGET}/transient", "timeout": "PT10S"},
                   "retry": {"count": 20, "delay": "PT1S", "on": ["HttpError"]}},
                  {"task": "after", "action": "noop"}]}}
                """,
        },
        new()
        {
            // Every attempt gets 409: after its one retry the task fails and the execution reverts.
            Name = "chaos-http-exhaust",
            Weight = 1,
            Expected = "REVERTED",
            Attempts = ImmutableDictionary<string, int>.Empty.Add("call", 2),
            RetryDelays = ImmutableDictionary<string, TimeSpan>.Empty.Add("call", OneSecond),
            RevertOrder = ["prep", "call"],
            Definition = """
                {"name": "chaos-http-exhaust", "flow": {"type": "linear", "items": [
                  {"task": "prep", "action": "echo", "input": {"value": "x"}, "revert": {"action": "echo", "input": {"value": "undo prep"}}},
                  {"task": "call", "action": "http", "input": {"method": "POST", "url": "{TARGET}/flaky?fail=99", "timeout": "PT10S"},
                   "retry": {"count": 1, "delay": "PT1S"}}]}}
                """,
        },
        new()
        {
            Name = "chaos-revert",
            Weight = 1,
            Expected = "REVERTED",
            RevertOrder = ["a", "b", "c"],
            Definition = """
                {"name": "chaos-revert", "flow": {"type": "linear", "items": [
                  {"task": "a", "action": "noop"},
                  {"task": "b", "action": "echo", "input": {"value": "b"}},
                  {"task": "c", "action": "fail", "input": {"message": "fails on purpose", "type": "ChaosFail"}}]}}
                """,
        },
        new()
        {
            // a's revert is an http call (a Hangfire job), b's a local echo.
            Name = "chaos-revert-action",
            Weight = 1,
            Expected = "REVERTED",
            RevertOrder = ["a", "b", "c"],
            HttpReverts = ["a"],
            Definition = """
                {"name": "chaos-revert-action", "flow": {"type": "linear", "items": [
                  {"task": "a", "action": "noop", "revert": {"action": "http", "input": {"method": "DELETE", "url": "{TARGET}/undo", "timeout": "PT10S"}}},
                  {"task": "b", "action": "echo", "input": {"value": "b"}, "revert": {"action": "echo", "input": {"value": "undo b"}}},
                  {"task": "c", "action": "fail", "input": {"message": "fails on purpose", "type": "ChaosFail"}}]}}
                """,
        },
        new()
        {
            Name = "chaos-parent",
            Weight = 2,
            Expected = "SUCCESS",
            Child = ("spawn", ChildName),
            Definition = """
                {"name": "chaos-parent", "flow": {"type": "linear", "items": [
                  {"task": "spawn", "action": "workflow",
                   "input": {"workflow": "chaos-child", "input": {"parent": "${ctx.execution_id}", "attempt": "${ctx.attempt}"}}, "provides": "child_output"},
                  {"task": "after", "action": "echo", "input": {"value": "${child_output}"}}]}}
                """,
        },
        new()
        {
            Name = "chaos-parent-bad",
            Weight = 1,
            Expected = "REVERTED",
            Child = ("spawn", BadChildName),
            RevertOrder = ["prep", "spawn"],
            Definition = """
                {"name": "chaos-parent-bad", "flow": {"type": "linear", "items": [
                  {"task": "prep", "action": "noop"},
                  {"task": "spawn", "action": "workflow",
                   "input": {"workflow": "chaos-child-bad", "input": {"parent": "${ctx.execution_id}", "attempt": "${ctx.attempt}"}}}]}}
                """,
        },
        new()
        {
            Name = ChildName,
            Expected = "SUCCESS",
            Waits = [new WaitSpec("nap", null, OneSecond)],
            Definition = """
                {"name": "chaos-child", "input": ["parent", "attempt"], "flow": {"type": "linear", "items": [
                  {"task": "work", "action": "echo", "input": {"value": "${parent}"}},
                  {"task": "nap", "action": "wait", "input": {"duration": "PT1S"}}]}}
                """,
        },
        new()
        {
            Name = BadChildName,
            Expected = "REVERTED",
            RevertOrder = ["work", "boom"],
            Definition = """
                {"name": "chaos-child-bad", "input": ["parent", "attempt"], "flow": {"type": "linear", "items": [
                  {"task": "work", "action": "noop"},
                  {"task": "boom", "action": "fail", "input": {"message": "the child fails on purpose"}}]}}
                """,
        },
    ];

    public static ImmutableDictionary<string, FlowSpec> ByName { get; } = All.ToImmutableDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Children first, so a parent's definition finds its child's when it starts one.</summary>
    public static IEnumerable<FlowSpec> InPostingOrder => All.OrderBy(s => s.Weight);

    /// <summary>A workflow the starting loops start, drawn by weight.</summary>
    public static FlowSpec Pick(Random rng)
    {
        var started = All.Where(s => s.Weight > 0).ToList();
        var n = rng.Next(started.Sum(s => s.Weight));
        foreach (var spec in started)
        {
            n -= spec.Weight;
            if (n < 0)
            {
                return spec;
            }
        }

        return started[^1];
    }

    private static ImmutableDictionary<string, object> Input(params (string Name, object Value)[] values) =>
        values.ToImmutableDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
