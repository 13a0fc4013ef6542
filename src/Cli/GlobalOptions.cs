using System.CommandLine;

namespace WfaaS.Cli;

/// <summary>SPEC §11: <c>--url</c>, <c>--api-key</c> and <c>--json</c>, accepted before or after the command.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:8080";
    public const string UrlVariable = "WFAAS_URL";
    public const string ApiKeyVariable = "WFAAS_API_KEY";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The service's base URL (default: ${UrlVariable}, else {DefaultUrl}).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"Sent as X-Api-Key (default: ${ApiKeyVariable}).",
        HelpName = "KEY",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON instead of text.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Url);
        root.Add(ApiKey);
        root.Add(Json);
    }

    /// <summary>The service to talk to: the option, else the environment variable, else the default.</summary>
    public Connection Resolve(ParseResult parse, CliHost host)
    {
        var url = FirstSet(parse.GetValue(Url), host.Environment(UrlVariable)) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{url}' is not an http or https URL (--url or ${UrlVariable}).");
        }

        // A trailing slash, so "api/v1/..." resolves under a path prefix too (http://host/wfaas/).
        baseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
        return new Connection(baseUrl, FirstSet(parse.GetValue(ApiKey), host.Environment(ApiKeyVariable)), parse.GetValue(Json));
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

/// <summary>Where and how one command talks to the service.</summary>
/// <param name="BaseUrl">The service, ending in a slash.</param>
/// <param name="ApiKey">The key to send, if any.</param>
/// <param name="Json">Print the API's JSON instead of text.</param>
internal sealed record Connection(Uri BaseUrl, string? ApiKey, bool Json);
