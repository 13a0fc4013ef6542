using System.Text.Json;

namespace WfaaS.Engine.Execution;

/// <summary>States as the API writes them: <c>REVERT_FAILURE</c>, <c>RUNNING</c>.</summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());
}
