using System.Text;

namespace WfaaS.Api.Pages;

/// <summary>
/// A server-rendered page (SPEC §11) with the headers every page carries: a Content-Security-Policy
/// that allows no script at all and only the service's own stylesheet, nosniff, and
/// Referrer-Policy: no-referrer so a token in the address never leaks in a Referer.
/// </summary>
internal sealed class PageResult(int status, string title, string body, int? refreshSeconds = null) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public int Status => status;

    public static void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        AddSecurityHeaders(response);
        response.ContentType = "text/html; charset=utf-8";
        var page = new Html()
            .Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw(refreshSeconds is { } seconds ? $"<meta http-equiv=\"refresh\" content=\"{seconds}\">" : string.Empty)
            .Raw("<title>").Text(title).Raw(" · WfaaS</title><link rel=\"stylesheet\" href=\"/ui/site.css\"></head><body>")
            .Raw("<header><a class=\"brand\" href=\"/ui/executions\">WfaaS</a> <nav><a href=\"/ui/executions\">Executions</a> <a href=\"/ui/approvals\">Approvals</a></nav></header><main>")
            .Raw(body)
            .Raw("</main></body></html>\n");
        await response.WriteAsync(page.ToString(), Encoding.UTF8, httpContext.RequestAborted);
    }

    /// <summary>A page that only says something: an unknown, expired or refused link or request.</summary>
    public static PageResult Plain(int status, string title, string message) =>
        new(status, title, new Html().Tag("h1", title).Tag("p", message, "message").ToString());
}
