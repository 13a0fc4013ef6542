namespace WfaaS.Engine.Definitions;

public enum FlowType
{
    Linear,
    Unordered,
    Graph,
}
