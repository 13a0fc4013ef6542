namespace WfaaS.Engine.Actions;

/// <summary>Where an action runs (SPEC §1, §3.4).</summary>
public enum ActionKind
{
    /// <summary><c>noop</c>, <c>echo</c>, <c>fail</c>: inside the step, in its transaction.</summary>
    Local,

    /// <summary><c>wait</c>: a durable timer; the task waits.</summary>
    Timer,

    /// <summary><c>delegate</c>: waits for a callback; the optional outbound request goes from a worker.</summary>
    Callback,

    /// <summary><c>approval</c>: waits for a person's decision.</summary>
    Approval,

    /// <summary><c>workflow</c>: starts a child execution and waits for it.</summary>
    Child,

    /// <summary><c>http</c>: an effect carried out after commit; an event reports back.</summary>
    External,
}
