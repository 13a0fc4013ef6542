using Microsoft.Extensions.Options;

namespace WfaaS.Api.Hosting;

/// <summary>
/// Answers 413 before reading a body whose Content-Length is over <c>Limits:MaxRequestBytes</c>.
/// Kestrel enforces the same limit on chunked bodies while they are read.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<RequestLimits> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = limits.Value.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            await Problems.Problems.PayloadTooLarge(max).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
