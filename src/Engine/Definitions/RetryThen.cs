namespace WfaaS.Engine.Definitions;

/// <summary>SPEC §5.3 <c>then</c>: what happens when a scope's retries are used up.</summary>
public enum RetryThen
{
    /// <summary>The failure goes to the enclosing scope's retry, else to <c>on_failure</c>.</summary>
    Propagate,

    /// <summary>The whole execution reverts at once; no enclosing scope's retry is consulted.</summary>
    RevertAll,
}
