using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using WfaaS.Cli.Api;
using WfaaS.Cli.Output;

namespace WfaaS.Cli.Commands;

/// <summary><c>wfaas history ID</c>: every transition of an execution, every page of <c>GET /executions/{id}/history</c>.</summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var id = new Argument<string>("ID") { Description = "The execution's id." };
        var command = new Command("history", "Every transition of an execution, in seq order.") { id };
        command.SetBody(globals, host, async (parse, context, cancellationToken) =>
        {
            var text = parse.GetRequiredValue(id);
            if (!Guid.TryParse(text, out var execution))
            {
                throw new UsageException($"'{text}' is not an execution id (a UUID).");
            }

            var pages = new List<ApiAnswer>();
            string? cursor = null;
            do
            {
                var page = await context.Client.GetAsync(
                    context.Client.Api($"api/v1/executions/{execution}/history" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}")),
                    cancellationToken).ConfigureAwait(false);
                pages.Add(page);
                cursor = page.As<HistoryPage>().NextCursor;
            }
            while (cursor is not null);

            if (context.Json)
            {
                await context.Out.WriteLineAsync(pages.Count == 1 ? pages[0].Text : Merged(pages)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            TextTable.Write(context.Out, ["SEQ", "AT", "SUBJECT", "NAME", "FROM", "TO", "ATTEMPT", "CAUSE"], pages
                .SelectMany(p => p.As<HistoryPage>().Items)
                .Select(h => (IReadOnlyList<string>)
                [
                    h.Seq.ToString(CultureInfo.InvariantCulture), Text.Time(h.At), h.Subject, h.Name, h.From ?? "-", h.To,
                    h.Attempt?.ToString(CultureInfo.InvariantCulture) ?? "-", h.Cause ?? "",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Several pages as the one page the service would send if it had no limit: <c>{items: [all], next_cursor: null}</c>.</summary>
    private static string Merged(IEnumerable<ApiAnswer> pages)
    {
        var items = new JsonArray();
        foreach (var page in pages)
        {
            foreach (var item in JsonNode.Parse(page.Text)!["items"]!.AsArray())
            {
                items.Add(item?.DeepClone());
            }
        }

        return new JsonObject { ["items"] = items, ["next_cursor"] = null }.ToJsonString();
    }
}
