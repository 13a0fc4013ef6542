namespace WfaaS.Api.Auth;

/// <summary>The <c>Auth</c> section (SPEC §2, §8): <c>Auth__ApiKeys__N__Key</c>, <c>Auth__ApiKeys__N__Role</c>.</summary>
internal sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public IList<ApiKeyEntry> ApiKeys { get; } = [];

    public bool Enabled => ApiKeys.Count > 0;
}

internal sealed class ApiKeyEntry
{
    public string Key { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;
}
