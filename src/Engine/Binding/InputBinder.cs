using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WfaaS.Engine.Execution;

namespace WfaaS.Engine.Binding;

/// <summary>
/// Evaluates the templates of an input (SPEC §3.2): a string that is exactly one placeholder takes the
/// referenced JSON value with its type; any other string interpolates values as text.
/// </summary>
public static class InputBinder
{
    /// <exception cref="BindingException">A placeholder reads a symbol or path that does not exist.</exception>
    public static JsonElement? Bind(JsonElement? input, BindingScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (input is not { } element)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element, scope);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The value at <paramref name="path"/> inside <paramref name="value"/>; digits index arrays.</summary>
    public static bool TryNavigate(JsonElement value, IEnumerable<string> path, out JsonElement result)
    {
        ArgumentNullException.ThrowIfNull(path);
        result = value;
        foreach (var segment in path)
        {
            if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty(segment, out var property))
            {
                result = property;
            }
            else if (result.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < result.GetArrayLength())
            {
                result = result[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, BindingScope scope)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(writer, element.GetString()!, scope);
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, scope);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, scope);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string text, BindingScope scope)
    {
        if (!Template.MayContainPlaceholder(text) || !Template.TryParse(text, out var template, out _))
        {
            writer.WriteStringValue(text);
            return;
        }

        if (!template.HasPlaceholders)
        {
            writer.WriteStringValue(Literal(template));
            return;
        }

        if (template.IsSinglePlaceholder)
        {
            Resolve((Placeholder)template.Parts[0], scope).WriteTo(writer);
            return;
        }

        var interpolated = new StringBuilder();
        foreach (var part in template.Parts)
        {
            interpolated.Append(part switch
            {
                TemplateLiteral literal => literal.Text,
                Placeholder placeholder => AsText(Resolve(placeholder, scope)),
                _ => string.Empty,
            });
        }

        writer.WriteStringValue(interpolated.ToString());
    }

    private static string Literal(Template template) =>
        string.Concat(template.Parts.OfType<TemplateLiteral>().Select(l => l.Text));

    private static JsonElement Resolve(Placeholder placeholder, BindingScope scope)
    {
        if (placeholder.IsContext)
        {
            var key = placeholder.Segments.Length > 1 ? placeholder.Segments[1] : string.Empty;
            return scope.Context.TryGetValue(key, out var context) && TryNavigate(context, placeholder.Segments.Skip(2), out var found)
                ? found
                : Missing(placeholder, scope);
        }

        var reference = placeholder.Resolve(scope.KnownSymbols);
        return scope.Symbols.TryGetValue(reference.Root, out var value) && TryNavigate(value, reference.Path.Segments, out var result)
            ? result
            : Missing(placeholder, scope);
    }

    private static JsonElement Missing(Placeholder placeholder, BindingScope scope) =>
        scope.MissingAsNull ? Json.Null : throw new BindingException($"'{placeholder}' has no value.");

    private static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };
}
