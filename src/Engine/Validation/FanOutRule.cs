using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.6: the name <c>as</c> gives an element is the element's own; it may not hide a symbol of the definition.</summary>
internal sealed class FanOutRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            if (task.ForEach is { } fanOut && (structure.Inputs.Contains(fanOut.As) || structure.Providers.ContainsKey(fanOut.As)))
            {
                errors.Add(DefinitionPath.Property(task.Path, task.ForEach.As == FanOut.DefaultAs ? "for_each" : "as"),
                    $"each element is named '{fanOut.As}', which is already a symbol of the definition; name it otherwise with 'as'");
            }
        }
    }
}
