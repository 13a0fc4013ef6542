namespace WfaaS.Cli.Commands;

/// <summary>
/// A callback or approval URL as the service printed it, or just its token (then under <c>--url</c>).
/// The token is the capability (SPEC §6): no API key is needed, and none is sent to another host.
/// </summary>
internal static class TokenUrl
{
    public static Uri Resolve(string given, Uri baseUrl, string resource)
    {
        if (Uri.TryCreate(given, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        if (given.Length == 0 || given.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new UsageException($"'{given}' is neither an http(s) URL nor a token.");
        }

        return new Uri(baseUrl, $"api/v1/{resource}/{given}");
    }
}
