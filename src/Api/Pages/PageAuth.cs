using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using WfaaS.Api.Auth;

namespace WfaaS.Api.Pages;

/// <summary>
/// SPEC §11: with API keys on, the pages ask for a key once and keep it in an HttpOnly,
/// SameSite=Strict cookie that only <c>/ui</c> requests send and read (the API still wants the header).
/// </summary>
internal static class PageAuth
{
    public static bool Allowed(ClaimsPrincipal user, ApiKeyOptions keys) =>
        !keys.Enabled || user.IsInRole(Roles.Reader) || user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Admin);

    /// <summary>The key form, sent instead of a page the visitor may not see yet.</summary>
    public static PageResult KeyForm(HttpContext context, IAntiforgery antiforgery, string? problem = null, string? returnTo = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var back = LocalPath(returnTo ?? (context.Request.Path + context.Request.QueryString));
        var html = new Html().Tag("h1", "API key needed")
            .Tag("p", problem ?? "This service has API keys on. Enter a key once; this browser keeps it in a cookie only these pages read.", "message")
            .Raw("<form class=\"decide\" method=\"post\" action=\"/ui/login\">")
            .Raw("<input type=\"hidden\" name=\"").Text(tokens.FormFieldName).Raw("\" value=\"").Text(tokens.RequestToken).Raw("\">")
            .Raw("<input type=\"hidden\" name=\"return\" value=\"").Text(back).Raw("\">")
            .Raw("<label>API key <input type=\"password\" name=\"key\" autocomplete=\"current-password\" required></label>")
            .Raw("<div class=\"buttons\"><button class=\"plain\" type=\"submit\">Continue</button></div></form>");
        return new PageResult(StatusCodes.Status401Unauthorized, "API key needed", html.ToString());
    }

    public static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, ApiKeyOptions keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IFormCollection form;
        try
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return PageResult.Plain(StatusCodes.Status400BadRequest, "Form not accepted", "The form could not be verified (its antiforgery token is missing or does not match). Open the page again.");
            }

            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return PageResult.Plain(StatusCodes.Status400BadRequest, "Form not accepted", "The form could not be read. Open the page again.");
        }

        var back = LocalPath(form["return"].ToString());
        var key = form["key"].ToString();
        if (key.Length is 0 or > 1000 || ApiKeyAuthenticationHandler.RoleOf(keys, key) is null)
        {
            return KeyForm(context, antiforgery, "That key is not one of this service's API keys.", back);
        }

        context.Response.Cookies.Append(ApiKeyAuthenticationHandler.CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/ui",
            IsEssential = true,
        });
        PageResult.AddSecurityHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = back;
        return Results.Empty;
    }

    /// <summary>Only a page of this service: never an open redirect.</summary>
    private static string LocalPath(string? path) =>
        path is { Length: > 3 } p && p.StartsWith("/ui/", StringComparison.Ordinal) && !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal)
            ? p
            : "/ui/executions";
}
