namespace WfaaS.Bench.Workloads;

/// <summary>Runs <c>count</c> operations on <c>concurrency</c> clients, each taking the next index until none is left.</summary>
internal static class Concurrently
{
    public static async Task RunAsync(int count, int concurrency, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var next = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clients = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            try
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    failed.Token.ThrowIfCancellationRequested();
                    await operation(i, failed.Token);
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(clients);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // One client failed and cancelled the others: report its failure, not their cancellation.
            var failure = clients.Where(c => c.IsFaulted).SelectMany(c => c.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
    }
}
