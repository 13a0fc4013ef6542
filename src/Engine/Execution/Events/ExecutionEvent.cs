namespace WfaaS.Engine.Execution.Events;

/// <summary>Something that happened to an execution; the step function's input (SPEC §1).</summary>
public abstract record ExecutionEvent;
