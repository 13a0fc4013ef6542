namespace WfaaS.Storage;

/// <summary>
/// SQLite has one writer at a time, and a writer that finds the database locked backs off and
/// retries. Steps of this process queue here instead, so they never collide with each other;
/// on server databases the gate is open and row versions alone serialise steps.
/// </summary>
public sealed class WriteGate(bool serialize) : IDisposable
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null)
        {
            return null;
        }

        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
