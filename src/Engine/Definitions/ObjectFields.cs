using System.Text.Json;
using WfaaS.Engine.Binding;
using WfaaS.Engine.Validation;

namespace WfaaS.Engine.Definitions;

/// <summary>The properties of one definition object; unknown and repeated keys are reported, so a typo is never silently ignored.</summary>
internal sealed class ObjectFields
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    private ObjectFields(string path) => Path = path;

    public string Path { get; }

    public static ObjectFields Read(JsonElement element, string path, IReadOnlyCollection<string> allowed, ErrorList errors)
    {
        var fields = new ObjectFields(path);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!JsonText.TryGetName(property, out var name))
            {
                errors.Add(path, "a property name " + JsonText.InvalidText);
                continue;
            }

            var propertyPath = DefinitionPath.Property(path, name);
            if (!allowed.Contains(name))
            {
                errors.Add(propertyPath, $"unknown property '{Text.Truncate(name)}'");
            }
            else if (!fields._values.TryAdd(name, property.Value))
            {
                errors.Add(propertyPath, $"duplicate property '{name}'");
            }
        }

        return fields;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public bool TryGet(string key, out JsonElement value) => _values.TryGetValue(key, out value);

    public string PathOf(string key) => DefinitionPath.Property(Path, key);
}
