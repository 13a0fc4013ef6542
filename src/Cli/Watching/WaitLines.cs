using WfaaS.Cli.Api;
using WfaaS.Cli.Output;

namespace WfaaS.Cli.Watching;

/// <summary>What a waiting task waits for, and the command that answers it.</summary>
internal static class WaitLines
{
    public static IEnumerable<string> For(Waiting wait, Approval? approval)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var due = wait.DueAt is { } at ? $" (until {Text.Time(at)})" : "";
        switch (wait.Kind)
        {
            case "callback":
                yield return $"{wait.Task} waits for a callback{due}";
                yield return wait.CallbackUrl is { } url
                    ? $"  wfaas callback {url} --result '{{...}}'"
                    : "  (no callback URL: this API key may not act)";
                break;
            case "approval":
                yield return approval?.Prompt is { } prompt ? $"{wait.Task} waits for approval{due}: {prompt}" : $"{wait.Task} waits for approval{due}";
                foreach (var line in ApproveLines(approval))
                {
                    yield return line;
                }

                break;
            case "timer":
                yield return $"{wait.Task} waits{due}";
                break;
            default:
                yield return $"{wait.Task} waits for its {wait.Kind}{due}";
                break;
        }
    }

    private static IEnumerable<string> ApproveLines(Approval? approval)
    {
        if (approval?.ApproveUrls is { Count: > 0 } urls)
        {
            foreach (var (approver, url) in urls.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                yield return url is null ? $"  {approver}: (no link: this API key may not act)" : $"  {approver}: wfaas approve {url}";
            }
        }
        else if (approval?.ApproveUrl is { } url)
        {
            yield return $"  wfaas approve {url}";
        }
        else
        {
            yield return "  (no approval link: this API key may not act)";
        }
    }
}
