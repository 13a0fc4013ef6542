using System.CommandLine;
using System.Text.Json.Nodes;
using WfaaS.Cli.Api;

namespace WfaaS.Cli.Commands;

/// <summary><c>wfaas approve URL [--reject]</c>: <c>POST /approvals/{token}</c> with the decision.</summary>
internal static class ApproveCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var url = new Argument<string>("URL") { Description = "The approve_url (or its token)." };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approve: the task fails with ApprovalRejected." };
        var comment = new Option<string?>("--comment") { Description = "Why.", HelpName = "TEXT" };
        var by = new Option<string?>("--by") { Description = "Who decides (a link of a named approver already says who).", HelpName = "NAME" };
        var command = new Command("approve", "Approve (or --reject) a pending approval.") { url, reject, comment, by };
        command.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var target = TokenUrl.Resolve(parse.GetRequiredValue(url), context.Connection.BaseUrl, "approvals");
            var rejected = parse.GetValue(reject);
            var body = new JsonObject { ["decision"] = rejected ? "reject" : "approve" };
            if (parse.GetValue(comment) is { } text)
            {
                body["comment"] = text;
            }

            if (parse.GetValue(by) is { } who)
            {
                body["by"] = who;
            }

            var answer = await context.Client.PostJsonAsync(target, body, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteRaw(answer);
                return ExitCodes.Success;
            }

            var decided = answer.As<TokenAnswer>();
            var verb = rejected ? "Rejected" : "Approved";
            await context.Out.WriteLineAsync(decided.Duplicate
                ? $"Already decided: task {decided.Task} of execution {decided.ExecutionId} had this decision; nothing changed."
                : $"{verb}: task {decided.Task} of execution {decided.ExecutionId}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
