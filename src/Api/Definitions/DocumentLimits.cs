namespace WfaaS.Api.Definitions;

/// <summary>Bounds on a parsed document, so no body can exhaust the stack or memory.</summary>
internal static class DocumentLimits
{
    /// <summary>JSON nesting; a definition nested 32 flows deep needs about 3 levels per flow.</summary>
    public const int MaxDepth = 160;

    /// <summary>Nodes a YAML document may expand to once aliases are resolved (alias bombs).</summary>
    public const int MaxYamlNodes = 200_000;
}
