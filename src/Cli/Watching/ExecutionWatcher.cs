using WfaaS.Cli.Api;
using WfaaS.Cli.Output;

namespace WfaaS.Cli.Watching;

/// <summary>
/// <c>run --wait</c>'s live progress: polls the execution and its history (after the last seq
/// shown), prints each transition once, in order, and what the execution waits on as it starts
/// waiting, until the execution is finished or PAUSED. Between polls it waits
/// <see cref="PollInterval"/>: short after a change, longer while nothing moves.
/// </summary>
internal sealed class ExecutionWatcher(WfaasClient client, TextWriter progress, CliHost host)
{
    private const int HistoryPage = 500;

    private readonly HashSet<string> _waitsShown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _taskStates = new(StringComparer.Ordinal);
    private long _afterSeq;

    /// <summary>The execution's last answer when it stopped: finished, PAUSED, or as it stood when <paramref name="cancellationToken"/> fired.</summary>
    public async Task<ApiAnswer> WatchAsync(Guid id, CancellationToken cancellationToken)
    {
        var interval = host.Poll.Initial;
        while (true)
        {
            // The execution first, then its history: once the execution reads finished, the history
            // read after it holds every transition up to the end.
            var answer = await client.GetAsync(client.Api($"api/v1/executions/{id}"), cancellationToken).ConfigureAwait(false);
            var execution = answer.As<Execution>();
            var changed = await ShowHistoryAsync(id, cancellationToken).ConfigureAwait(false);
            await ShowWaitsAsync(execution, cancellationToken).ConfigureAwait(false);
            if (execution.IsFinished || execution.State == "PAUSED")
            {
                return answer;
            }

            interval = host.Poll.After(interval, changed);
            await Task.Delay(interval, host.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ShowHistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        var changed = false;
        while (true)
        {
            var page = (await client.GetAsync(client.Api($"api/v1/executions/{id}/history?after_seq={_afterSeq}&limit={HistoryPage}"), cancellationToken)
                .ConfigureAwait(false)).As<HistoryPage>();
            foreach (var entry in page.Items)
            {
                await progress.WriteLineAsync(Text.Transition(entry)).ConfigureAwait(false);
                _afterSeq = entry.Seq;
                if (entry.Subject == "task")
                {
                    _taskStates[entry.Name] = entry.To;
                    if (entry.To != "WAITING")
                    {
                        _waitsShown.Remove(entry.Name);   // a later wait of it (a retry) is news again
                    }
                }

                changed = true;
            }

            if (page.NextCursor is null || page.Items.Count == 0)
            {
                return changed;
            }
        }
    }

    /// <summary>
    /// Each new wait once, with the link that ends it when there is one: the run can be finished
    /// from another terminal. The execution was read before the history, so a wait counts only
    /// while the history shown so far leaves its task WAITING (not one answered in between).
    /// </summary>
    private async Task ShowWaitsAsync(Execution execution, CancellationToken cancellationToken)
    {
        var fresh = (execution.Waiting ?? [])
            .Where(w => _taskStates.GetValueOrDefault(w.Task) == "WAITING" && _waitsShown.Add(w.Task))
            .ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        IReadOnlyList<Approval> approvals = [];
        if (fresh.Any(w => w.Kind == "approval"))
        {
            approvals = (await client.GetAsync(client.Api("api/v1/approvals?state=pending"), cancellationToken).ConfigureAwait(false))
                .As<ApprovalList>().Items.Where(a => a.ExecutionId == execution.Id).ToList();
        }

        foreach (var wait in fresh)
        {
            foreach (var line in WaitLines.For(wait, approvals.FirstOrDefault(a => a.Task == wait.Task)))
            {
                await progress.WriteLineAsync($"          {line}").ConfigureAwait(false);
            }
        }
    }
}
