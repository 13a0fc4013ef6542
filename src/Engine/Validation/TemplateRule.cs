using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Validation;

/// <summary>SPEC §3.2: every string of <c>input</c> and <c>revert.input</c> is a well-formed template; <c>ctx.result</c>/<c>ctx.error</c> only in revert input.</summary>
internal sealed class TemplateRule : IDefinitionRule
{
    public void Check(FlowStructure structure, ErrorList errors)
    {
        foreach (var task in structure.Tasks)
        {
            CheckStrings(task.Input, DefinitionPath.Property(task.Path, "input"), inRevert: false, errors);
            CheckStrings(task.Revert?.Input, DefinitionPath.Property(DefinitionPath.Property(task.Path, "revert"), "input"), inRevert: true, errors);
        }
    }

    private static void CheckStrings(JsonElement? input, string basePath, bool inRevert, ErrorList errors)
    {
        if (input is not { } element)
        {
            return;
        }

        foreach (var (path, text) in TemplateStrings.Find(element, basePath))
        {
            if (text is null)
            {
                errors.Add(path, JsonText.InvalidText);
                continue;
            }

            if (!Template.MayContainPlaceholder(text))
            {
                continue;
            }

            if (!Template.TryParse(text, out var template, out var error))
            {
                errors.Add(path, error);
                continue;
            }

            foreach (var placeholder in template.Placeholders.Where(p => p.IsContext))
            {
                if (ContextValues.Check(placeholder, inRevert) is { } message)
                {
                    errors.Add(path, message);
                }
            }
        }
    }
}
