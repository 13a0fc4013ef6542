namespace WfaaS.Engine.Definitions;

public enum BackoffKind
{
    Fixed,
    Exponential,
}
