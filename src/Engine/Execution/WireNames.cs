using System.Collections.Frozen;
using System.Text.Json;

namespace WfaaS.Engine.Execution;

/// <summary>States as the API writes them: <c>REVERT_FAILURE</c>, <c>RUNNING</c>.</summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : Convert(value);

    private static string Convert<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());

    /// <summary>Every named value's wire name, converted once: a step writes several per transition.</summary>
    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Convert);
    }
}
