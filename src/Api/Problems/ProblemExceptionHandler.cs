using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WfaaS.Api.Problems;

/// <summary>
/// Turns binding failures (malformed JSON, a body over the size limit…) into their 4xx problem
/// instead of a 500, and anything unexpected into a 500 problem that leaks no internals.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Malformed request", BindingProblems.Detail(httpContext, bad)),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The server failed to handle the request."),
        };
        if (status >= 500)
        {
            Log.UnhandledException(logger, exception);
        }

        // Written whatever Accept says (problem+json, else HTML or text), so the status is never lost.
        await ProblemWriter.WriteAsync(httpContext, new ProblemDetails { Status = status, Title = title, Detail = detail }, exception).ConfigureAwait(false);
        return true;
    }
}
