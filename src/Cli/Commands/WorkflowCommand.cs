using System.CommandLine;
using System.Net.Http.Headers;
using WfaaS.Cli.Api;

namespace WfaaS.Cli.Commands;

/// <summary><c>wfaas workflow push FILE</c>: <c>POST /workflows</c> with the file's text (SPEC §6, §11).</summary>
internal static class WorkflowCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A definition: YAML (.yaml, .yml) or JSON (.json)." };
        var push = new Command("push", "Create a workflow, or a new version of it when the text differs.") { file };
        push.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new UsageException($"No such file: {path.FullName}");
            }

            var bytes = await File.ReadAllBytesAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypeOf(path.Extension, bytes));
            var answer = await context.Client.SendAsync(HttpMethod.Post, context.Client.Api("api/v1/workflows"), content, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteRaw(answer);
                return ExitCodes.Success;
            }

            var workflow = answer.As<Workflow>();
            await context.Out.WriteLineAsync(answer.Status == 201
                ? $"Workflow {workflow.Name}: version {workflow.Version} stored."
                : $"Workflow {workflow.Name}: unchanged, version {workflow.Version} has this text.").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return new Command("workflow", "Workflow definitions.") { push };
    }

    /// <summary>By extension; otherwise JSON when the text starts with <c>{</c>, else YAML (JSON is YAML too).</summary>
    private static string MediaTypeOf(string extension, byte[] bytes) => extension.ToUpperInvariant() switch
    {
        ".JSON" => "application/json",
        ".YAML" or ".YML" => "application/yaml",
        _ => System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').TrimStart().StartsWith('{') ? "application/json" : "application/yaml",
    };
}
