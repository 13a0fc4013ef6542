using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Tests.TestKit.DefinitionJson;
using static WfaaS.Engine.Tests.TestKit.Executions;

namespace WfaaS.Engine.Tests.Execution;

/// <summary>SPEC §3.4.1 on the pure step function: one token per approver, a quorum of approvals, one rejection fails.</summary>
public sealed class ApprovalQuorumTests
{
    private const string TwoOfThree = """
        {"task": "ok", "action": "approval", "input": {"prompt": "Ship it?", "approvers": ["ann", "bob", "cid"], "quorum": 2}, "provides": "approval"}
        """;

    [Fact]
    public void Approvers_OneTokenPerApproverEachNamingItsApprover()
    {
        var waiting = Start(Linear(TwoOfThree));

        var minted = waiting.Effects.OfType<MintToken>().ToList();
        Assert.Equal(["ann", "bob", "cid"], minted.Select(m => m.Approver));
        Assert.All(minted, m => Assert.Equal((2, 3, "Ship it?"), (m.Quorum, m.Approvers.Length, m.Prompt)));
        var progress = waiting.Next.Tasks["ok"].Approval!;
        Assert.Equal(["ann", "bob", "cid"], progress.Approvers);
        Assert.Equal((2, 0), (progress.Quorum, progress.Decisions.Length));
    }

    [Fact]
    public void Quorum_FirstApprovalWaitsInHistorySecondCompletesWithEveryDecisionInOrder()
    {
        var waiting = Start(Linear(TwoOfThree, Noop("after")));

        var one = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, true, "fine", "bob"), Now);
        var two = StepFunction.Step(one.Next, new ApprovalDecided("ok", 1, true, null, "ann"), Now.AddMinutes(5));

        Assert.Equal(TaskDetailStatus.Waiting, StatusOf(one, "ok"));
        Assert.Empty(one.Effects.OfType<VoidTokens>());   // the other links stay live
        Assert.Contains("task ok WAITING->WAITING (approved by bob (1 of 2))", HistoryLines(one));
        Assert.Equal(ExecutionStatus.Success, two.Next.Status);
        Assert.Single(two.Effects.OfType<VoidTokens>());  // cid's link answers 410 from now on
        var result = two.Next.Symbols["approval"];
        Assert.Equal(("approve", "ann", "2026-11-24T08:05:00Z"), (result.GetProperty("decision").GetString(), result.GetProperty("by").GetString(), result.GetProperty("decided_at").GetString()));
        Assert.Equal(["bob", "ann"], result.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("by").GetString()));
        Assert.Equal("fine", result.GetProperty("decisions")[0].GetProperty("comment").GetString());
    }

    [Fact]
    public void Quorum_OneRejectionFailsAndKeepsTheDecisions()
    {
        var waiting = Start(Linear(TwoOfThree));

        var one = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, true, null, "ann"), Now);
        var rejected = StepFunction.Step(one.Next, new ApprovalDecided("ok", 1, false, "not today", "cid"), Now);

        Assert.Equal(ExecutionStatus.Reverted, rejected.Next.Status);
        Assert.Equal(("ApprovalRejected", "not today"), (rejected.Next.Error?.Type, rejected.Next.Error?.Message));
        Assert.Equal(["ann", "cid"], rejected.Next.Tasks["ok"].Approval!.Decisions.Select(d => d.By));
    }

    [Fact]
    public void Quorum_SecondDecisionBySameApproverOrAStranger_ChangesNothing()
    {
        var waiting = Start(Linear(TwoOfThree));
        var one = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, true, null, "ann"), Now);

        var again = StepFunction.Step(one.Next, new ApprovalDecided("ok", 1, true, null, "ann"), Now);
        var stranger = StepFunction.Step(one.Next, new ApprovalDecided("ok", 1, false, null, "mallory"), Now);
        var nobody = StepFunction.Step(one.Next, new ApprovalDecided("ok", 1, true, null, null), Now);

        Assert.All([again, stranger, nobody], s => Assert.Same(one.Next, s.Next));
        Assert.All([again, stranger, nobody], s => Assert.Empty(s.Effects));
    }

    [Fact]
    public void WithoutApprovers_OneTokenAndTheBodysByDecides()
    {
        var waiting = Start(Linear("""{"task": "ok", "action": "approval", "input": {"prompt": "Ship?"}, "provides": "approval"}"""));

        var approved = StepFunction.Step(waiting.Next, new ApprovalDecided("ok", 1, true, null, "whoever"), Now);

        Assert.Null(Assert.Single(waiting.Effects.OfType<MintToken>()).Approver);
        var decisions = approved.Next.Symbols["approval"].GetProperty("decisions");
        Assert.Equal("whoever", Assert.Single(decisions.EnumerateArray()).GetProperty("by").GetString());
    }

    [Fact]
    public void Quorum_BoundFromAPlaceholderOutOfRange_FailsTheAttempt()
    {
        var started = Start(
            Workflow(Flow("linear", """{"task": "ok", "action": "approval", "input": {"prompt": "Ship?", "approvers": ["ann"], "quorum": "${n}"}}"""), "\"input\": [\"n\"]"),
            """{"n": 5}""");

        Assert.Equal(ExecutionStatus.Reverted, started.Next.Status);
        Assert.Equal("InvalidQuorum", started.Next.Error?.Type);
        Assert.Empty(started.Effects.OfType<MintToken>());
    }

    private static List<string> HistoryLines(StepResult step) =>
        [.. step.Effects.OfType<RecordHistory>().Select(h => $"{h.Record.Subject.ToString().ToLowerInvariant()} {h.Record.Name} {h.Record.From}->{h.Record.To} ({h.Record.Cause})")];
}
