namespace WfaaS.Engine.Execution;

/// <summary>Why a durable timer exists (SPEC §3.4, §5.2).</summary>
public enum TimerKind
{
    /// <summary>A <c>wait</c> task's duration ends.</summary>
    Wait,

    /// <summary>A RETRYING task's next attempt is due.</summary>
    Retry,

    /// <summary>An attempt's <c>timeout</c> expires.</summary>
    Timeout,

    /// <summary>A delegate's <c>heartbeat</c> interval passes without a heartbeat.</summary>
    Heartbeat,

    /// <summary>A retry scope's <c>delay</c> is over; it runs again (the timer names the scope's first task).</summary>
    ScopeRetry,

    /// <summary>The root flow's <c>repeat.every</c> is over; it runs again (the timer names the first task).</summary>
    Repeat,
}
