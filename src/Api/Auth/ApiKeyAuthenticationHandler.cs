using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WfaaS.Api.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against the configured keys, comparing SHA-256 digests in
/// constant time (SPEC §8). The key's role becomes the principal's role.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyOptions keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string CookieName = "wfaas_api_key";

    /// <summary>The role of <paramref name="key"/>, or null; every key is compared, so the time taken says nothing about which one matched.</summary>
    public static string? RoleOf(ApiKeyOptions keys, string key)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        string? role = null;
        foreach (var entry in keys.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key))))
            {
                role ??= entry.Role.ToLowerInvariant();
            }
        }

        return role;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key;
        if (Request.Headers.TryGetValue(HeaderName, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]))
        {
            key = values[0];
        }
        else if (Request.Path.StartsWithSegments("/ui") && Request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            // SPEC §11: the pages keep the key in an HttpOnly, SameSite=Strict cookie; only the pages read it.
            key = cookie;
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (RoleOf(keys, key!) is not { } role)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
