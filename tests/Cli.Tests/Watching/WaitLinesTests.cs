using WfaaS.Cli.Api;
using WfaaS.Cli.Watching;

namespace WfaaS.Cli.Tests.Watching;

/// <summary>What <c>run --wait</c> prints for a wait, for answers the service under test does not give (yet).</summary>
public sealed class WaitLinesTests
{
    private static readonly Guid Execution = Guid.Parse("01a235e6-8afe-7739-8af1-b9173b9db85b");

    [Fact]
    public void For_ApprovalWithNamedApprovers_PrintsOneCommandPerApproverInNameOrder()
    {
        var approval = new Approval(Execution, "approve", "Ship it?", ApproveUrl: null, new Dictionary<string, string?>
        {
            ["ops"] = "http://wfaas/api/v1/approvals/ops-token",
            ["ann"] = "http://wfaas/api/v1/approvals/ann-token",
        });

        var lines = WaitLines.For(new Waiting("approve", "approval", null, null), approval);

        Assert.Equal(
            ["approve waits for approval: Ship it?", "  ann: wfaas approve http://wfaas/api/v1/approvals/ann-token", "  ops: wfaas approve http://wfaas/api/v1/approvals/ops-token"],
            lines);
    }

    [Fact]
    public void For_LinksHiddenFromAReader_SaysTheKeyMayNotAct()
    {
        var due = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        var callback = WaitLines.For(new Waiting("boot", "callback", null, due), null);
        var approval = WaitLines.For(new Waiting("approve", "approval", null, null), new Approval(Execution, "approve", null, null, null));

        Assert.Equal(["boot waits for a callback (until 2026-12-07 08:00:00Z)", "  (no callback URL: this API key may not act)"], callback);
        Assert.Equal(["approve waits for approval", "  (no approval link: this API key may not act)"], approval);
    }
}
