namespace WfaaS.Engine.Execution;

/// <summary>What a WAITING task waits for (SPEC §6 <c>waiting[].kind</c>).</summary>
public enum WaitKind
{
    Callback,
    Approval,
    Timer,
    Child,
}
