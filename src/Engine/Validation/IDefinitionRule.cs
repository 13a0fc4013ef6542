namespace WfaaS.Engine.Validation;

/// <summary>A check over the whole read definition; reports every violation it finds.</summary>
internal interface IDefinitionRule
{
    void Check(FlowStructure structure, ErrorList errors);
}
