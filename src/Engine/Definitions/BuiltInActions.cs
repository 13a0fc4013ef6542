using System.Collections.Immutable;

namespace WfaaS.Engine.Definitions;

/// <summary>The actions of SPEC §3.4.</summary>
public static class BuiltInActions
{
    public const string Noop = "noop";
    public const string Echo = "echo";
    public const string Fail = "fail";
    public const string Wait = "wait";
    public const string Http = "http";
    public const string Delegate = "delegate";
    public const string Approval = "approval";
    public const string Workflow = "workflow";

    public static ImmutableArray<string> All { get; } = [Noop, Echo, Fail, Wait, Http, Delegate, Approval, Workflow];

    public static bool IsKnown(string action) => All.Contains(action, StringComparer.Ordinal);
}
