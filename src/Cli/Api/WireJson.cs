using System.Text.Json;

namespace WfaaS.Cli.Api;

/// <summary>SPEC §6: snake_case fields.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
