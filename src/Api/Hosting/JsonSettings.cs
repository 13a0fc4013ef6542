using System.Text.Json;
using System.Text.Json.Serialization;

namespace WfaaS.Api.Hosting;

/// <summary>snake_case fields, UPPER_SNAKE enum values, RFC 3339 UTC times (SPEC §6).</summary>
internal static class JsonSettings
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
    }
}
