namespace WfaaS.Engine.Execution;

/// <summary>
/// A durable timer the execution still counts on. <paramref name="Serial"/> is unique within the
/// execution (the step function numbers timers), so a timer that was replaced or cancelled — an
/// earlier heartbeat deadline, a retry of another attempt — is told apart from the live one when
/// it fires, whatever path fired it.
/// </summary>
/// <param name="Serial">The timer's number within its execution.</param>
/// <param name="Kind">Why it exists.</param>
/// <param name="DueAt">When it fires.</param>
public sealed record LiveTimer(long Serial, TimerKind Kind, DateTimeOffset DueAt);
