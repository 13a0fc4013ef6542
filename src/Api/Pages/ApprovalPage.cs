using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Pages;

/// <summary>
/// SPEC §11 approval page: the <c>approve_url</c> opened in a browser. A GET only shows (link
/// scanners open links); the form POSTs with an antiforgery token and then redirects back to the
/// link (post/redirect/get), which from then on says who decided and when. The token is the
/// capability: no API key. The JSON API keeps <c>POST /api/v1/approvals/{token}</c>.
/// </summary>
internal static class ApprovalPage
{
    private const int MaxComment = 2000;
    private const int MaxName = 200;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void MapApprovalPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/approvals/{token}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/ui/approvals/{token}", SubmitAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ShowAsync(string token, HttpContext context, ExecutionReader reader, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (await reader.TokenAsync(token, WaitKind.Approval, cancellationToken) is not { } row)
        {
            return Unknown();
        }

        var execution = await reader.FindAsync(row.ExecutionId, cancellationToken);
        return Render(token, row, execution, context, antiforgery, notice: null, status: null);
    }

    private static async Task<IResult> SubmitAsync(
        string token, HttpContext context, ExecutionReader reader, ExecutionStore store, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Refused();
            }

            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return Refused();
        }

        var decision = form["decision"].ToString();
        var comment = Trimmed(form["comment"].ToString());
        var name = Trimmed(form["name"].ToString());
        if (decision is not ("approve" or "reject") || comment?.Length > MaxComment || name?.Length > MaxName)
        {
            return PageResult.Plain(StatusCodes.Status400BadRequest, "Not a decision",
                $"The form must say approve or reject, with a comment of at most {MaxComment} and a name of at most {MaxName} characters. Nothing was decided.");
        }

        if (await reader.TokenAsync(token, WaitKind.Approval, cancellationToken) is not { } row)
        {
            return Unknown();
        }

        if (row.Approver is { } approver && name is not null && !string.Equals(name, approver, StringComparison.Ordinal))
        {
            return PageResult.Plain(StatusCodes.Status422UnprocessableEntity, "Wrong name", $"This link decides as {approver}. Nothing was decided.");
        }

        var by = row.Approver ?? name;
        var approved = decision == "approve";
        var outcome = await store.AcceptTokenAsync(
            token,
            WaitKind.Approval,
            Endpoints.CallbackEndpoints.BodyHash(decision, comment, by),
            r => new ApprovalDecided(r.Task, r.Attempt, approved, comment, by),
            cancellationToken);
        if (outcome.Kind == TokenOutcomeKind.Accepted)
        {
            // Post/redirect/get: a reload shows the decision instead of sending the form again.
            return new SeeOther($"/api/v1/approvals/{Uri.EscapeDataString(token)}");
        }

        var fresh = await reader.TokenAsync(token, WaitKind.Approval, cancellationToken) ?? row;
        var execution = await reader.FindAsync(fresh.ExecutionId, cancellationToken);
        return outcome.Kind switch
        {
            TokenOutcomeKind.Duplicate => Render(token, fresh, execution, context, antiforgery,
                "This form was sent before; the decision below stands and nothing changed.", StatusCodes.Status200OK),
            TokenOutcomeKind.Conflict => Render(token, fresh, execution, context, antiforgery,
                "This link has already been used to decide; a link decides once. Nothing changed.", StatusCodes.Status409Conflict),
            TokenOutcomeKind.Gone => Render(token, fresh, execution, context, antiforgery, null, StatusCodes.Status410Gone),
            _ => Unknown(),
        };
    }

    private static PageResult Render(string token, TokenEntity row, StoredExecution? execution, HttpContext context, IAntiforgery antiforgery, string? notice, int? status)
    {
        var task = execution?.State.Tasks.GetValueOrDefault(row.Task);
        var current = task is not null && task.Attempt == row.Attempt;
        var progress = current ? task!.Approval : null;
        var html = new Html();
        html.Tag("h1", row.State == TokenStates.Active ? "Approval requested" : "Approval");
        html.Tag("p", row.Prompt ?? "(no prompt)", "prompt");
        if (notice is not null)
        {
            html.Tag("p", notice, "message");
        }

        Facts(html, row, execution, progress);
        int code;
        switch (row.State)
        {
            case TokenStates.Active when current && task!.Status == TaskDetailStatus.Waiting:
                code = status ?? StatusCodes.Status200OK;
                Decisions(html, progress);
                Form(html, token, row, antiforgery.GetAndStoreTokens(context));
                break;
            case TokenStates.Accepted:
                code = status ?? StatusCodes.Status200OK;
                Decided(html, row, progress);
                Decisions(html, progress);
                break;
            default:
                code = StatusCodes.Status410Gone;
                html.Tag("p", Gone(execution, task, current), "message");
                Decisions(html, progress);
                break;
        }

        Input(html, execution, row.Task);
        return new PageResult(code, "Approval", html.ToString());
    }

    private static void Facts(Html html, TokenEntity row, StoredExecution? execution, ApprovalProgress? progress)
    {
        html.Raw("<dl class=\"facts\">");
        if (execution is not null)
        {
            html.Raw("<dt>Workflow</dt><dd>").Text($"{execution.Workflow} v{execution.Version}").Raw("</dd>");
            html.Raw("<dt>Execution</dt><dd><a href=\"/ui/executions/").Text(execution.Id.ToString()).Raw("\">").Text(execution.Id.ToString()).Raw("</a> ")
                .Raw($"<span class=\"state state-{WireNames.Of(execution.State.Status)}\">").Text(WireNames.Of(execution.State.Status)).Raw("</span></dd>");
        }

        html.Raw("<dt>Task</dt><dd>").Text(row.Task).Raw("</dd>");
        if (row.Approver is not null)
        {
            html.Raw("<dt>Approver</dt><dd>").Text(row.Approver).Raw(" (this link decides as them)</dd>");
        }

        if (progress is { Approvers.IsEmpty: false })
        {
            html.Raw("<dt>Quorum</dt><dd>").Text($"{progress.Quorum} of {progress.Approvers.Length} approvers ({string.Join(", ", progress.Approvers)}); {progress.Approvals} approved so far").Raw("</dd>");
        }

        html.Raw("<dt>Requested</dt><dd>").Time(new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc))).Raw("</dd>");
        html.Raw("<dt>Due</dt><dd>").Time(row.DueAt is { } due ? new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)) : null).Raw("</dd>");
        html.Raw("</dl>");
    }

    private static void Form(Html html, string token, TokenEntity row, AntiforgeryTokenSet tokens)
    {
        html.Raw("<form class=\"decide\" method=\"post\" action=\"/ui/approvals/").Text(Uri.EscapeDataString(token)).Raw("\">");
        html.Raw("<input type=\"hidden\" name=\"").Text(tokens.FormFieldName).Raw("\" value=\"").Text(tokens.RequestToken).Raw("\">");
        html.Raw($"<label>Comment <textarea name=\"comment\" rows=\"3\" maxlength=\"{MaxComment}\"></textarea></label>");
        if (row.Approver is null)
        {
            html.Raw($"<label>Your name <input type=\"text\" name=\"name\" maxlength=\"{MaxName}\" autocomplete=\"name\"></label>");
        }
        else
        {
            html.Raw("<p class=\"muted\">You decide as <strong>").Text(row.Approver).Raw("</strong>.</p>");
        }

        html.Raw("<div class=\"buttons\"><button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
            .Raw("<button class=\"reject\" type=\"submit\" name=\"decision\" value=\"reject\">Reject</button></div></form>");
    }

    private static void Decided(Html html, TokenEntity row, ApprovalProgress? progress)
    {
        var mine = progress?.Decisions.LastOrDefault(d => row.Approver is null || d.By == row.Approver);
        if (mine is null)
        {
            html.Tag("p", "This link has been used to decide.", "decided");
            return;
        }

        html.Raw(mine.Approved ? "<p class=\"decided\">" : "<p class=\"decided rejected\">")
            .Raw("<strong>").Text(mine.Approved ? "Approved" : "Rejected").Raw("</strong> by ").Text(mine.By ?? "(no name given)")
            .Raw(" at ").Time(mine.DecidedAt).Raw(mine.Comment is null ? string.Empty : ": ").Text(mine.Comment).Raw("</p>");
    }

    private static void Decisions(Html html, ApprovalProgress? progress)
    {
        if (progress is null || progress.Decisions.IsEmpty)
        {
            return;
        }

        html.Tag("h2", "Decisions so far");
        html.Raw("<table class=\"decisions\"><thead><tr><th>By</th><th>Decision</th><th>Comment</th><th>At</th></tr></thead><tbody>");
        foreach (var d in progress.Decisions)
        {
            html.Raw("<tr><td>").Text(d.By ?? "—").Raw("</td><td>").Text(d.Approved ? "approve" : "reject").Raw("</td><td>").Text(d.Comment ?? string.Empty)
                .Raw("</td><td>").Time(d.DecidedAt).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static void Input(Html html, StoredExecution? execution, string task)
    {
        if (execution is null)
        {
            return;
        }

        if (StepFunction.InputOf(execution.State, task) is { } input)
        {
            html.Tag("h2", "Task input");
            html.Raw("<pre>").Text(JsonSerializer.Serialize(input, Indented)).Raw("</pre>");
        }

        html.Tag("h2", "Execution input");
        html.Raw("<pre>").Text(JsonSerializer.Serialize(execution.State.Input, Indented)).Raw("</pre>");
    }

    private static string Gone(StoredExecution? execution, TaskDetail? task, bool current) => execution?.State.Status switch
    {
        null => "This approval is no longer open: its execution is gone.",
        ExecutionStatus.Cancelled => "This approval is no longer open: the execution was cancelled.",
        _ when current && task!.Error?.Type == "Timeout" => "This approval is no longer open: it expired (its timeout passed).",
        _ when current && task!.Status == TaskDetailStatus.Success => "This approval is no longer open: enough approvers have approved.",
        _ when current && task!.Error?.Type == "ApprovalRejected" => "This approval is no longer open: it was rejected.",
        _ => "This approval is no longer open: the task no longer waits for it (it was decided, expired, cancelled or reverted).",
    };

    private static PageResult Unknown() =>
        PageResult.Plain(StatusCodes.Status404NotFound, "Unknown approval link", "This link is not an approval of this service. Check that it was copied whole.");

    private static PageResult Refused() =>
        PageResult.Plain(StatusCodes.Status400BadRequest, "Form not accepted",
            "The form could not be verified (its antiforgery token is missing or does not match). Nothing was decided: open the approval link again.");

    private static string? Trimmed(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>303 See Other: after the POST, the browser GETs the link.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            PageResult.AddSecurityHeaders(httpContext.Response);
            return Task.CompletedTask;
        }
    }
}
