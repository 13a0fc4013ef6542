using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using WfaaS.Cli.Api;

namespace WfaaS.Cli.Commands;

/// <summary>
/// <c>wfaas callback URL --result JSON</c>: completes a delegate task as its external system would
/// (<c>POST /callbacks/{token}</c>); <c>--error MESSAGE</c> reports a failure instead.
/// </summary>
internal static class CallbackCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var url = new Argument<string>("URL") { Description = "The task's callback_url (or its token)." };
        var result = new Option<string?>("--result") { Description = "The task's result, as JSON.", HelpName = "JSON" };
        var error = new Option<string?>("--error") { Description = "Report a failure with this message instead of a result.", HelpName = "MESSAGE" };
        var errorType = new Option<string?>("--error-type") { Description = "With --error: the failure's type (default CallbackFailure).", HelpName = "TYPE" };
        var command = new Command("callback", "Complete a delegate task: success with --result, failure with --error.") { url, result, error, errorType };
        command.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var target = TokenUrl.Resolve(parse.GetRequiredValue(url), context.Connection.BaseUrl, "callbacks");
            var body = Body(parse.GetValue(result), parse.GetValue(error), parse.GetValue(errorType));
            var answer = await context.Client.PostJsonAsync(target, body, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteRaw(answer);
                return ExitCodes.Success;
            }

            var accepted = answer.As<TokenAnswer>();
            await context.Out.WriteLineAsync(accepted.Duplicate
                ? $"Already accepted: task {accepted.Task} of execution {accepted.ExecutionId} had this callback; nothing changed."
                : $"Accepted: task {accepted.Task} of execution {accepted.ExecutionId}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject Body(string? result, string? error, string? errorType)
    {
        if (error is null)
        {
            if (errorType is not null)
            {
                throw new UsageException("--error-type goes with --error.");
            }

            var success = new JsonObject { ["status"] = "success" };
            if (result is not null)
            {
                success["result"] = ParseJson(result);
            }

            return success;
        }

        if (result is not null)
        {
            throw new UsageException("Give --result (success) or --error (failure), not both.");
        }

        var failure = new JsonObject { ["message"] = error };
        if (errorType is not null)
        {
            failure["type"] = errorType;
        }

        return new JsonObject { ["status"] = "failure", ["error"] = failure };
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--result is not JSON: {e.Message}");
        }
    }
}
