using System.Collections.Frozen;
using WfaaS.Engine.Execution;

namespace WfaaS.Storage.Executions;

/// <summary>Parses the wire names (<c>REVERT_FAILURE</c>) stored in state columns back to enum values.</summary>
public static class WireState
{
    public static TState Parse<TState>(string wire)
        where TState : struct, Enum => Names<TState>.ByWire[wire];

    private static class Names<TState>
        where TState : struct, Enum
    {
        public static readonly FrozenDictionary<string, TState> ByWire =
            Enum.GetValues<TState>().ToFrozenDictionary(v => WireNames.Of(v), StringComparer.Ordinal);
    }
}
