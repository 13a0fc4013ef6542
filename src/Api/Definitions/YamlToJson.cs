using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WfaaS.Api.Definitions;

/// <summary>
/// Converts one YAML document to JSON with the YAML 1.2 core schema (plain <c>true</c>, <c>42</c>,
/// <c>null</c> are typed; quoted scalars are strings). Depth and the number of nodes after alias
/// expansion are bounded, so a deeply nested body or an alias bomb is a 400, never a crash.
/// </summary>
internal static partial class YamlToJson
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static JsonElement Convert(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new MalformedDocumentException("The YAML body holds no document.");
            }

            parser.Consume<DocumentStart>();
            var root = new TreeBuilder(parser).Read(depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new MalformedDocumentException("The YAML body must hold exactly one document.");
            }

            return Write(root);
        }
        catch (YamlException e)
        {
            throw new MalformedDocumentException($"Malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (Exception e) when (MalformedDocumentException.IsParserFailure(e))
        {
            // The text is untrusted: whatever YamlDotNet throws on it (its scanner throws
            // InvalidOperationException on a truncated flow collection) is the client's 400 (SPEC §7).
            var at = parser.Current?.End ?? Mark.Empty;
            throw new MalformedDocumentException(
                $"Malformed YAML after line {at.Line}, column {at.Column}: the text is incomplete or not valid YAML (an unclosed '[', '{{' or quote?).");
        }
    }

    private static JsonElement Write(YamlNode root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = DocumentLimits.MaxDepth + 1 }))
        {
            var budget = DocumentLimits.MaxYamlNodes;
            WriteNode(writer, root, depth: 0, ref budget);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = DocumentLimits.MaxDepth + 1 });
        return document.RootElement.Clone();
    }

    private static void WriteNode(Utf8JsonWriter writer, YamlNode node, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new MalformedDocumentException($"The YAML document expands to more than {DocumentLimits.MaxYamlNodes} nodes.");
        }

        if (depth > DocumentLimits.MaxDepth)
        {
            throw new MalformedDocumentException($"The YAML document is nested deeper than {DocumentLimits.MaxDepth} levels.");
        }

        switch (node)
        {
            case YamlScalar scalar:
                WriteScalar(writer, scalar);
                break;
            case YamlSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    WriteNode(writer, item, depth + 1, ref budget);
                }

                writer.WriteEndArray();
                break;
            case YamlMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value, depth + 1, ref budget);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalar scalar)
    {
        var value = scalar.Value;
        if (!scalar.Plain)
        {
            writer.WriteStringValue(value);
        }
        else if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(value[0] is 't' or 'T');
        }
        else if (DecimalInteger().IsMatch(value))
        {
            writer.WriteRawValue(BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }
        else if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    private abstract record YamlNode;

    private sealed record YamlScalar(string Value, bool Plain) : YamlNode;

    private sealed record YamlSequence(List<YamlNode> Items) : YamlNode;

    private sealed record YamlMapping(List<KeyValuePair<string, YamlNode>> Entries) : YamlNode;

    /// <summary>Builds the node tree; an alias points at the anchored node, it is not copied here.</summary>
    private sealed class TreeBuilder(IParser parser)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

        public YamlNode Read(int depth)
        {
            if (depth > DocumentLimits.MaxDepth)
            {
                throw new MalformedDocumentException($"The YAML document is nested deeper than {DocumentLimits.MaxDepth} levels.");
            }

            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                return _anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new MalformedDocumentException($"Unknown YAML alias '*{alias.Value.Value}'.");
            }

            var start = parser.Consume<NodeEvent>();
            YamlNode node = start switch
            {
                Scalar scalar => new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.Value != StringTag)),
                SequenceStart => ReadSequence(depth),
                MappingStart => ReadMapping(depth),
                _ => throw new MalformedDocumentException("Unexpected YAML content."),
            };
            if (!start.Anchor.IsEmpty)
            {
                _anchors[start.Anchor.Value] = node;
            }

            return node;
        }

        private YamlSequence ReadSequence(int depth)
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Read(depth + 1));
            }

            return new YamlSequence(items);
        }

        private YamlMapping ReadMapping(int depth)
        {
            var entries = new List<KeyValuePair<string, YamlNode>>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (Read(depth + 1) is not YamlScalar key)
                {
                    throw new MalformedDocumentException("YAML mapping keys must be plain scalars.");
                }

                if (!keys.Add(key.Value))
                {
                    throw new MalformedDocumentException($"Duplicate YAML key '{key.Value}'.");
                }

                entries.Add(new(key.Value, Read(depth + 1)));
            }

            return new YamlMapping(entries);
        }
    }
}
