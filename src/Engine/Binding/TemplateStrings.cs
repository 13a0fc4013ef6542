using System.Text.Json;
using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Binding;

/// <summary>Walks free-form JSON without recursion, so arbitrarily deep input cannot overflow the stack.</summary>
internal static class TemplateStrings
{
    /// <summary>Every string value (not object keys) with its path, in document order; <c>Text</c> is null when unreadable.</summary>
    public static IEnumerable<(string Path, string? Text)> Find(JsonElement root, string basePath)
    {
        var pending = new Stack<(string Path, JsonElement Element)>();
        pending.Push((basePath, root));
        while (pending.Count > 0)
        {
            var (path, element) = pending.Pop();
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    yield return (path, JsonText.TryGetString(element, out var text) ? text : null);
                    break;
                case JsonValueKind.Object:
                    var properties = element.EnumerateObject().ToList();
                    for (var i = properties.Count - 1; i >= 0; i--)
                    {
                        var key = JsonText.TryGetName(properties[i], out var name) ? name : "?";
                        pending.Push((DefinitionPath.Property(path, key), properties[i].Value));
                    }

                    break;
                case JsonValueKind.Array:
                    var length = element.GetArrayLength();
                    for (var i = length - 1; i >= 0; i--)
                    {
                        pending.Push((DefinitionPath.Index(path, i), element[i]));
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Every well-formed placeholder with the path of its string; malformed strings are skipped (the template rule reports them).</summary>
    public static IEnumerable<(string Path, Placeholder Placeholder)> Placeholders(JsonElement? root, string basePath)
    {
        if (root is not { } element)
        {
            yield break;
        }

        foreach (var (path, text) in Find(element, basePath))
        {
            if (text is not null && Template.MayContainPlaceholder(text) && Template.TryParse(text, out var template, out _))
            {
                foreach (var placeholder in template.Placeholders)
                {
                    yield return (path, placeholder);
                }
            }
        }
    }
}
