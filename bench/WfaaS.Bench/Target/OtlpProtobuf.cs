namespace WfaaS.Bench.Target;

/// <summary>
/// Just enough of the protobuf wire format to count what an OTLP export request carries, without
/// the generated types: <c>ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }</c>,
/// <c>ResourceSpans { repeated ScopeSpans scope_spans = 2; }</c>, <c>ScopeSpans { repeated Span spans = 2; }</c>
/// (opentelemetry-proto, trace/v1 and collector/trace/v1).
/// </summary>
internal static class OtlpProtobuf
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    /// <summary>The spans in one serialized <c>ExportTraceServiceRequest</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed protobuf message.</exception>
    public static int CountSpans(ReadOnlySpan<byte> request)
    {
        var spans = 0;
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(request[resourceSpans], 2))
            {
                spans += Fields(request[resourceSpans][scopeSpans], 2).Count;
            }
        }

        return spans;
    }

    /// <summary>Where the length-delimited fields numbered <paramref name="number"/> of one message are, in order; every other field is skipped.</summary>
    private static List<Range> Fields(ReadOnlySpan<byte> message, int number)
    {
        var found = new List<Range>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var (field, type) = ((int)(tag >> 3), (int)(tag & 7));
            switch (type)
            {
                case VarintType:
                    Varint(message, ref at);
                    break;
                case Fixed64Type:
                    at = Skip(message, at, 8);
                    break;
                case Fixed32Type:
                    at = Skip(message, at, 4);
                    break;
                case LengthDelimitedType:
                    var length = Varint(message, ref at);
                    var end = Skip(message, at, length > int.MaxValue ? int.MaxValue : (int)length);
                    if (field == number)
                    {
                        found.Add(at..end);
                    }

                    at = end;
                    break;
                default:
                    throw new FormatException($"Protobuf wire type {type} (field {field}) is not one OTLP uses.");
            }
        }

        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= message.Length)
            {
                throw new FormatException("A protobuf varint runs past the end of the message.");
            }

            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than ten bytes.");
    }

    private static int Skip(ReadOnlySpan<byte> message, int at, int length) =>
        length <= message.Length - at ? at + length : throw new FormatException("A protobuf field runs past the end of the message.");
}
