using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Sql;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>
/// Sees every step the service commits (it wraps the service's <see cref="ICommitDispatcher"/>), so a
/// test awaits the state it expects from the commit itself instead of polling the API. Every wait
/// is bounded (<see cref="Patience"/>) and says, when it gives up, what was committed instead.
/// </summary>
public sealed class CommitWatcher
{
    /// <summary>How long a wait lasts before the test fails: the work it waits for runs on real threads.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>SUCCESS, REVERTED, FAILED, CANCELLED: states a step leaves only on an operator's command.</summary>
    internal static readonly string[] FinalStates =
        [.. Enum.GetValues<ExecutionStatus>().Where(s => s.IsFinal()).Select(WireNames.Of)];

    private readonly Lock _gate = new();
    private readonly List<(Guid Id, string State)> _log = [];
    private readonly List<Waiter> _waiters = [];
    private TaskCompletionSource _nextWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first of <paramref name="states"/> that execution <paramref name="id"/> commits a step in (or has already).</summary>
    public Task<string> WaitForStateAsync(Guid id, string[] states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        return WaitAsync(
            log => log.Where(c => c.Id == id).Select(c => c.State).FirstOrDefault(states.Contains),
            $"execution {id} committing a step in {string.Join(" or ", states)}",
            log => Committed(log, id),
            cancellationToken);
    }

    /// <summary>The final state (SUCCESS, REVERTED, FAILED, CANCELLED) execution <paramref name="id"/> commits first.</summary>
    public Task<string> WaitForFinalStateAsync(Guid id, CancellationToken cancellationToken) =>
        WaitForStateAsync(id, FinalStates, cancellationToken);

    /// <summary>The states of execution <paramref name="id"/>'s first <paramref name="count"/> committed steps, once it has committed that many.</summary>
    public Task<IReadOnlyList<string>> WaitForCommitsAsync(Guid id, int count, CancellationToken cancellationToken) =>
        WaitAsync<IReadOnlyList<string>>(
            log => log.Where(c => c.Id == id).Select(c => c.State).ToList() is { } states && states.Count >= count ? states.Take(count).ToList() : null,
            $"execution {id} committing {count} steps",
            log => Committed(log, id),
            cancellationToken);

    /// <summary>A point in the commits seen so far, for <see cref="WaitForNewExecutionAsync"/>.</summary>
    public int Mark()
    {
        lock (_gate)
        {
            return _log.Count;
        }
    }

    /// <summary>
    /// The first execution other than <paramref name="except"/> that commits a step after
    /// <paramref name="mark"/> and had committed none before it: one started meanwhile.
    /// </summary>
    public async Task<Guid> WaitForNewExecutionAsync(int mark, Guid? except, CancellationToken cancellationToken) =>
        (await WaitAsync<Guid?>(
            log => log.Skip(mark).Select(c => (Guid?)c.Id).FirstOrDefault(id => id != except && !log.Take(mark).Any(c => c.Id == id)),
            "execution started after the mark",
            log => $"the commits after the mark were of {string.Join(", ", log.Skip(mark).Select(c => c.Id).Distinct())}",
            cancellationToken)) ?? throw new InvalidOperationException("A found execution has an id.");

    /// <summary>
    /// Until <paramref name="condition"/> holds, checked now and again after each write the service
    /// commits (a step, or what follows one outside the dispatcher, such as a history compaction).
    /// </summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            while (true)
            {
                Task nextWrite;
                lock (_gate)
                {
                    nextWrite = _nextWrite.Task;
                }

                if (await condition())
                {
                    return;
                }

                await nextWrite.WaitAsync(patience.Token);
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Not {what} within {Patience.TotalSeconds} s.");
        }
    }

    internal ICommitDispatcher Wrap(ICommitDispatcher inner) => new Watched(this, inner);

    internal IStepWriter Wrap(IStepWriter inner) => new WatchedWriter(this, inner);

    private void Wrote()
    {
        TaskCompletionSource wrote;
        lock (_gate)
        {
            wrote = _nextWrite;
            _nextWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wrote.TrySetResult();
    }

    private static string Committed(List<(Guid Id, string State)> log, Guid id) =>
        $"it committed: {string.Join(", ", log.Where(c => c.Id == id).Select(c => c.State))}";

    private async Task<T> WaitAsync<T>(Func<List<(Guid Id, string State)>, T?> probe, string what, Func<List<(Guid Id, string State)>, string> instead, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(log => probe(log) is { } found ? found : null);
        lock (_gate)
        {
            if (waiter.Probe(_log) is { } already)
            {
                return (T)already;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return (T)await waiter.Done.Task.WaitAsync(Patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
                throw new TimeoutException($"No {what} within {Patience.TotalSeconds} s; {instead(_log)}");
            }
        }
    }

    private void Saw(StepCommit commit)
    {
        List<(Waiter Waiter, object Found)> done = [];
        lock (_gate)
        {
            _log.Add((commit.ExecutionId, WireNames.Of(commit.Status)));
            foreach (var waiter in _waiters)
            {
                if (waiter.Probe(_log) is { } found)
                {
                    done.Add((waiter, found));
                }
            }

            _waiters.RemoveAll(w => done.Any(d => d.Waiter == w));
        }

        done.ForEach(d => d.Waiter.Done.TrySetResult(d.Found));
    }

    private sealed class Waiter(Func<List<(Guid Id, string State)>, object?> probe)
    {
        public Func<List<(Guid Id, string State)>, object?> Probe => probe;

        public TaskCompletionSource<object> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class WatchedWriter(CommitWatcher watcher, IStepWriter inner) : IStepWriter
    {
        public async Task<bool> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.WriteAsync(statements, cancellationToken);
            }
            finally
            {
                watcher.Wrote();
            }
        }
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
