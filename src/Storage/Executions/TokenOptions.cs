namespace WfaaS.Storage.Executions;

/// <summary>The <c>Tokens</c> section: the secret callback and approval tokens are derived from.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>Base64 of at least 32 bytes. Every instance sharing a database needs the same one.</summary>
    public string? Secret { get; set; }

    /// <summary>Where a generated secret is kept when <see cref="Secret"/> is not set (one instance).</summary>
    public string KeyFile { get; set; } = "wfaas-token.key";
}
