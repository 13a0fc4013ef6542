namespace WfaaS.Engine.Execution.Events;

/// <summary>A delegate said it is still working (SPEC §6 <c>POST /callbacks/{token}/heartbeat</c>).</summary>
public sealed record HeartbeatReceived(string Task, int Attempt) : ExecutionEvent;
