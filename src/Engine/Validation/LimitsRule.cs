namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.3 limits. The nesting depth is enforced while reading, so an absurdly deep document is never walked.</summary>
internal sealed class LimitsRule : IDefinitionRule
{
    public const int MaxTasks = 1000;
    public const int MaxDepth = 32;

    public void Check(FlowStructure structure, ErrorList errors)
    {
        if (structure.TaskCount > MaxTasks)
        {
            errors.Add(structure.Definition.Flow.Path, $"the definition has {structure.TaskCount} tasks; at most {MaxTasks} are allowed");
        }
    }
}
