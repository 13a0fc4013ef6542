using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using WfaaS.Api.Auth;
using WfaaS.Api.Endpoints;
using WfaaS.Api.Hosting;
using WfaaS.Api.Pages.Graph;
using WfaaS.Engine.Execution;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Pages;

/// <summary>SPEC §11 pages: the execution list, one execution (graph, tasks, history), the approvals inbox; and §6 <c>graph.svg</c>.</summary>
internal static class ExecutionPages
{
    private const int RefreshSeconds = 3;
    private const int HistoryShown = 1000;
    private static readonly string[] States = ["RUNNING", "PAUSED", "REVERTING", "SUCCESS", "REVERTED", "FAILED", "CANCELLED"];

    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/site.css", () => Results.Text(SiteCss.Text, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui", () => Results.Redirect("/ui/executions")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/executions", ListAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/executions/{id}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/approvals", InboxAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/ui/login", PageAuth.LoginAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapApprovalPage();
        app.MapGet("/api/v1/executions/{id:guid}/graph.svg", GraphAsync)
            .RequireAuthorization(Policies.Reader)
            .WithTags("Executions")
            .WithName("GetExecutionGraph")
            .WithSummary("The execution's plan as a picture")
            .WithDescription("The compiled plan (flows, nesting, checkpoints) with each task's live state by colour; skipped tasks dashed; a fan-out is one node with its elements' counts by state. Every task node is a <g data-task data-state> with a <title>name: STATE</title>.")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GraphAsync(Guid id, HttpContext context, ExecutionReader reader, CancellationToken cancellationToken)
    {
        if (await reader.TasksAsync(id, cancellationToken) is not var (execution, tasks))
        {
            return Problems.Problems.NotFound($"Execution '{id}' does not exist.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return TypedResults.Content(GraphSvg.Render(execution.State, tasks), "image/svg+xml; charset=utf-8");
    }

    private static async Task<IResult> ShowAsync(
        string id, HttpContext context, ClaimsPrincipal user, ApiKeyOptions keys, IAntiforgery antiforgery, ExecutionReader reader, CancellationToken cancellationToken)
    {
        if (!PageAuth.Allowed(user, keys))
        {
            return PageAuth.KeyForm(context, antiforgery);
        }

        if (!Guid.TryParse(id, out var guid) || await reader.TasksAsync(guid, cancellationToken) is not var (execution, tasks))
        {
            return PageResult.Plain(StatusCodes.Status404NotFound, "No such execution", $"There is no execution '{id}'.");
        }

        var state = execution.State;
        var status = WireNames.Of(state.Status);
        var html = new Html();
        html.Raw("<h1>").Text($"{execution.Workflow} v{execution.Version} ").Raw($"<span class=\"state state-{status}\" data-execution-state=\"{status}\">").Text(status).Raw("</span></h1>");
        html.Raw("<dl class=\"facts\"><dt>Execution</dt><dd>").Text(execution.Id.ToString()).Raw("</dd>")
            .Raw("<dt>Created</dt><dd>").Time(execution.CreatedAt).Raw("</dd>")
            .Raw("<dt>Updated</dt><dd>").Time(execution.UpdatedAt).Raw("</dd>")
            .Raw("<dt>Finished</dt><dd>").Time(state.FinishedAt).Raw("</dd>");
        if (state.Checkpoint is { } checkpoint)
        {
            html.Raw("<dt>Checkpoint</dt><dd>").Text(checkpoint).Raw("</dd>");
        }

        if (state.Error is { } error)
        {
            html.Raw("<dt>Error</dt><dd>").Text($"{error.Type} in {error.Task}: {error.Message}").Raw("</dd>");
        }

        html.Raw("</dl>");
        if (!state.IsFinished)
        {
            html.Tag("p", $"Running: this page refreshes every {RefreshSeconds} seconds.", "muted");
        }

        html.Raw("<div class=\"layout\"><section><h2>Graph</h2><div class=\"graph\">").Raw(GraphSvg.Render(state, tasks)).Raw("</div></section>");
        html.Raw("<section><h2>Tasks</h2><table class=\"tasks\"><thead><tr><th>Task</th><th>State</th><th>Attempt</th><th>Started</th><th>Finished</th><th>Error</th></tr></thead><tbody>");
        foreach (var task in tasks)
        {
            var taskState = WireNames.Of(task.Status);
            html.Raw("<tr data-task=\"").Text(task.Name).Raw("\"><td>").Text(task.Name).Raw($"</td><td><span class=\"state state-{taskState}\">").Text(taskState).Raw("</span></td><td>")
                .Text(task.Attempt.ToString(CultureInfo.InvariantCulture)).Raw("</td><td>").Time(task.StartedAt).Raw("</td><td>").Time(task.FinishedAt).Raw("</td><td>")
                .Text(task.Error is { } e ? $"{e.Type}: {e.Message}" : string.Empty).Raw("</td></tr>");
        }

        html.Raw("</tbody></table></section></div>");
        html.Tag("h2", "History");
        var history = await reader.HistoryAsync(guid, 0, HistoryShown, cancellationToken);
        html.Raw("<ol class=\"timeline\">");
        foreach (var entry in history?.Items ?? [])
        {
            html.Raw("<li>").Time(new DateTimeOffset(DateTime.SpecifyKind(entry.At, DateTimeKind.Utc))).Raw(" <strong>").Text($"#{entry.Seq} {entry.Subject} {entry.Name}").Raw("</strong> ")
                .Text(entry.IsCompaction ? $"history compacted: {entry.Removed} entries up to #{entry.UpToSeq}" : $"{entry.From ?? "·"} → {entry.To}")
                .Raw(" <span class=\"muted\">").Text(entry.Cause).Raw("</span></li>");
        }

        html.Raw("</ol>");
        if (history?.NextAfterSeq is not null)
        {
            html.Tag("p", $"The first {HistoryShown} entries are shown; the API pages through the rest.", "muted");
        }

        return new PageResult(StatusCodes.Status200OK, $"{execution.Workflow} {status}", html.ToString(), state.IsFinished ? null : RefreshSeconds);
    }

    private static async Task<IResult> ListAsync(
        string? workflow, string? state, string? cursor, HttpContext context, ClaimsPrincipal user, ApiKeyOptions keys, IAntiforgery antiforgery, ExecutionReader reader,
        CancellationToken cancellationToken)
    {
        if (!PageAuth.Allowed(user, keys))
        {
            return PageAuth.KeyForm(context, antiforgery);
        }

        workflow = string.IsNullOrWhiteSpace(workflow) ? null : workflow.Trim();
        state = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
        if ((state is not null && !States.Contains(state)) || workflow?.Length > 100)
        {
            return PageResult.Plain(StatusCodes.Status400BadRequest, "Bad filter", $"'state' must be one of {string.Join(", ", States)}; 'workflow' a workflow name.");
        }

        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Cursor.TryDecode(cursor, out var position))
            {
                return PageResult.Plain(StatusCodes.Status400BadRequest, "Bad cursor", "The page cursor is not one this service made.");
            }

            before = position;
        }

        var page = await reader.ListAsync(new ExecutionFilter(workflow, state, 50, before), cancellationToken);
        var html = new Html().Tag("h1", "Executions");
        html.Raw("<form class=\"filter\" method=\"get\" action=\"/ui/executions\"><label>Workflow <input type=\"text\" name=\"workflow\" value=\"").Text(workflow).Raw("\"></label>")
            .Raw("<label>State <select name=\"state\"><option value=\"\">any</option>");
        foreach (var s in States)
        {
            html.Raw($"<option value=\"{s}\"{(s == state ? " selected" : string.Empty)}>{s}</option>");
        }

        html.Raw("</select></label><button class=\"plain\" type=\"submit\">Filter</button></form>");
        html.Raw("<table class=\"executions\"><thead><tr><th>Execution</th><th>Workflow</th><th>State</th><th>Created</th><th>Updated</th></tr></thead><tbody>");
        foreach (var e in page.Items)
        {
            var s = WireNames.Of(e.State.Status);
            html.Raw("<tr><td><a href=\"/ui/executions/").Text(e.Id.ToString()).Raw("\">").Text(e.Id.ToString()).Raw("</a></td><td>").Text($"{e.Workflow} v{e.Version}")
                .Raw($"</td><td><span class=\"state state-{s}\">{s}</span></td><td>").Time(e.CreatedAt).Raw("</td><td>").Time(e.UpdatedAt).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (page.Items.Count == 0)
        {
            html.Tag("p", "No execution matches.", "muted");
        }

        if (page.NextBefore is { } next)
        {
            html.Raw("<p><a href=\"/ui/executions?").Text(Query(workflow, state, Cursor.Encode(next))).Raw("\">Older →</a></p>");
        }

        return new PageResult(StatusCodes.Status200OK, "Executions", html.ToString());
    }

    private static async Task<IResult> InboxAsync(
        HttpContext context, ClaimsPrincipal user, ApiKeyOptions keys, CapabilityUrls capabilities, IAntiforgery antiforgery,
        ExecutionReader reader, PublicUrls urls, CancellationToken cancellationToken)
    {
        if (!PageAuth.Allowed(user, keys))
        {
            return PageAuth.KeyForm(context, antiforgery);
        }

        var shown = capabilities.ShownTo(user);
        var pending = ApprovalEndpoints.Pending(await reader.PendingApprovalsAsync(cancellationToken), urls, shown);
        var html = new Html().Tag("h1", "Approvals waiting");
        if (!shown)
        {
            html.Tag("p", "This key may read but not act, so the approval links are not shown (SPEC §8).", "message");
        }

        html.Raw("<table class=\"approvals\"><thead><tr><th>Prompt</th><th>Execution</th><th>Task</th><th>Quorum</th><th>Requested</th><th>Due</th><th>Links</th></tr></thead><tbody>");
        foreach (var a in pending)
        {
            html.Raw("<tr><td>").Text(a.Prompt).Raw("</td><td><a href=\"/ui/executions/").Text(a.ExecutionId.ToString()).Raw("\">").Text(a.ExecutionId.ToString()[..8]).Raw("…</a></td><td>")
                .Text(a.Task).Raw("</td><td>").Text(a.Quorum.ToString(CultureInfo.InvariantCulture)).Raw("</td><td>").Time(a.RequestedAt).Raw("</td><td>").Time(a.DueAt).Raw("</td><td>");
            if (a.ApproveUrl is { } url)
            {
                html.Raw("<a href=\"").Text(url).Raw("\">open</a>");
            }

            foreach (var (approver, link) in a.ApproveUrls ?? new Dictionary<string, string>())
            {
                html.Raw("<a data-approver=\"").Text(approver).Raw("\" href=\"").Text(link).Raw("\">").Text(approver).Raw("</a> ");
            }

            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (pending.Count == 0)
        {
            html.Tag("p", "Nothing waits for a decision.", "muted");
        }

        return new PageResult(StatusCodes.Status200OK, "Approvals", html.ToString());
    }

    private static string Query(string? workflow, string? state, string cursor) =>
        string.Join('&', new[] { ("workflow", workflow), ("state", state), ("cursor", cursor) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

}
