using WfaaS.Storage.Executions;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>
/// Sees every step the service commits (it wraps the service's <see cref="ICommitDispatcher"/>), so a
/// test awaits the state it expects from the commit itself instead of polling the API.
/// </summary>
public sealed class CommitWatcher
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<string>> _seen = [];
    private readonly List<(Guid Id, string[] States, TaskCompletionSource<string> Reached)> _waiters = [];

    /// <summary>The first of <paramref name="states"/> that execution <paramref name="id"/> commits a step in (or has already).</summary>
    public async Task<string> WaitForStateAsync(Guid id, string[] states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        var reached = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_seen.TryGetValue(id, out var seen) && seen.FirstOrDefault(states.Contains) is { } already)
            {
                return already;
            }

            _waiters.Add((id, states, reached));
        }

        try
        {
            return await reached.Task.WaitAsync(Patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                throw new TimeoutException(
                    $"Execution {id} committed no step in {string.Join(" or ", states)} within {Patience.TotalSeconds} s; it committed: "
                    + string.Join(", ", _seen.GetValueOrDefault(id) ?? []));
            }
        }
    }

    internal ICommitDispatcher Wrap(ICommitDispatcher inner) => new Watched(this, inner);

    private void Saw(StepCommit commit)
    {
        var (id, state) = (commit.ExecutionId, Engine.Execution.WireNames.Of(commit.Status));
        List<TaskCompletionSource<string>> done;
        lock (_gate)
        {
            if (!_seen.TryGetValue(id, out var seen))
            {
                _seen[id] = seen = [];
            }

            seen.Add(state);
            bool Matches((Guid Id, string[] States, TaskCompletionSource<string> Reached) w) => w.Id == id && w.States.Contains(state);
            done = [.. _waiters.Where(Matches).Select(w => w.Reached)];
            _waiters.RemoveAll(Matches);
        }

        done.ForEach(d => d.TrySetResult(state));
    }

    private sealed class Watched(CommitWatcher watcher, ICommitDispatcher inner) : ICommitDispatcher
    {
        public void Dispatch(StepCommit commit)
        {
            inner.Dispatch(commit);
            watcher.Saw(commit);
        }
    }
}
