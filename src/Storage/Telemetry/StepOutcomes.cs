namespace WfaaS.Storage.Telemetry;

/// <summary>The <c>outcome</c> of a step, as <c>wfaas.steps</c> labels it and <c>wfaas.step</c> says.</summary>
public static class StepOutcomes
{
    /// <summary>The step changed the execution and committed.</summary>
    public const string Saved = "saved";

    /// <summary>The event changed nothing (a stale timer, a late report); only what raised it was used up.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Another step got there first; this one wrote nothing and is re-run on fresh state.</summary>
    public const string Conflict = "conflict";

    /// <summary>The step or its write threw.</summary>
    public const string Error = "error";
}
