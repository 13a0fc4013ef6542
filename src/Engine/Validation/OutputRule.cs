using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §5.1: every <c>output</c> name is a definition input or provided by some task.</summary>
internal sealed class OutputRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        if (structure.Definition.Output is not { } output)
        {
            return;
        }

        for (var i = 0; i < output.Length; i++)
        {
            var name = output[i];
            if (NameRule.IsValidSymbol(name) && !structure.Inputs.Contains(name) && !structure.Providers.ContainsKey(name))
            {
                errors.Add(DefinitionPath.Index("output", i), $"'{name}' is neither a definition input nor provided by any task");
            }
        }
    }
}
