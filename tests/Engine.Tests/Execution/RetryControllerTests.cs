using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §5.3: TaskFlow's other retry controllers — ForEach values, a count's pass number, revert_all.</summary>
public sealed class RetryControllerTests
{
    private const string Call = """{"task": "call", "action": "http", "input": {"method": "GET", "url": "http://${region}.example.test/"}}""";

    private static string Retried(string name, string retry, params string[] items) =>
        "{\"flow\": {\"name\": \"" + name + "\", \"type\": \"linear\", \"retry\": " + retry + ", \"items\": [" + string.Join(", ", items) + "]}}";

    [Fact]
    public void ForEachValues_EachFailureRunsTheScopeWithTheNextValue()
    {
        var first = Start(Linear(Retried("try", """{"for_each": ["us", "eu", "ap"], "provides": "region"}""", Call), Noop("after")));
        Assert.Equal("http://us.example.test/", Url(first));

        var failed = StepFunction.Step(first.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        Assert.Equal("http://eu.example.test/", Url(failed));
        var done = StepFunction.Step(failed.Next, new ActionCompleted("call", 2, JsonDocument.Parse("{}").RootElement), Now);

        Assert.Equal(ExecutionStatus.Success, done.Next.Status);
        Assert.Equal("eu", done.Next.Symbols["region"].GetString());
    }

    [Fact]
    public void ForEachValues_AfterTheLastTheFailurePropagates()
    {
        var step = Start(Linear(Retried("try", """{"for_each": ["us", "eu"], "provides": "region"}""", Call)));
        step = StepFunction.Step(step.Next, new ActionFailed("call", 1, new TaskError("HttpError", "503")), Now);
        step = StepFunction.Step(step.Next, new ActionFailed("call", 2, new TaskError("HttpError", "503")), Now);

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(2, step.Next.Tasks["call"].Attempt);
    }

    [Fact]
    public void CountRetry_ProvidesThePassNumber()
    {
        var echo = """{"task": "pass", "action": "echo", "input": {"value": "${pass}"}, "provides": "seen"}""";
        var step = Start(Linear(Retried("loop", """{"count": 5, "provides": "pass"}""", echo,
            """{"task": "check", "action": "fail", "input": {"message": "not yet"}, "when": "pass < 3"}""")));

        Assert.Equal(ExecutionStatus.Success, step.Next.Status);
        Assert.Equal(3, step.Next.Symbols["seen"].GetInt32());
        Assert.Equal(3, step.Next.Tasks["pass"].Attempt);
    }

    [Fact]
    public void RevertAll_UsedUp_RevertsEverythingAndSkipsTheOuterRetry_WhateverOnFailureSays()
    {
        var inner = Retried("inner", """{"count": 1, "then": "revert_all"}""", """{"task": "c", "action": "fail", "input": {"message": "boom"}}""");
        var step = Start(Workflow(Flow("linear",
            Noop("a", "\"revert\": {\"action\": \"noop\"}"),
            Retried("outer", """{"count": 3}""", Noop("b"), inner)), "\"on_failure\": \"pause\""));

        Assert.Equal(ExecutionStatus.Reverted, step.Next.Status);
        Assert.Equal(["x:a", "x:b", "x:c!", "r:c", "x:c!", "r:c", "r:b", "r:a"], Trace(step));
        Assert.Equal(1, step.Next.Tasks["b"].Attempt);
    }

    [Fact]
    public void Propagate_IsTheDefault_TheOuterRetryIsConsulted()
    {
        var inner = Retried("inner", """{"count": 1}""", """{"task": "c", "action": "fail", "input": {"message": "boom"}}""");
        var step = Start(Linear(Noop("a"), Retried("outer", """{"count": 1}""", Noop("b"), inner)));

        Assert.Equal(2, step.Next.Tasks["b"].Attempt);
    }

    private static string? Url(StepResult step) => step.Effects.OfType<SendHttpRequest>().Single().Input?.GetProperty("url").GetString();
}
