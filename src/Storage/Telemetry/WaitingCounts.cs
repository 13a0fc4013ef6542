using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Telemetry;

/// <summary>
/// <c>wfaas.executions.waiting</c> (SPEC §10): executions waiting, by kind, counted by the database
/// from the rows a wait leaves — an unfinished execution whose state has a task waiting for a
/// callback or an approval (over the partial index of unfinished executions: a waiting token has
/// no row of its own, docs/decisions.md), a <c>wait</c> task's timer, a running child — each count over an index, and kept for <see cref="MaxAge"/>: a scrape reads
/// the kept counts, and at most one query round a <see cref="MaxAge"/> reaches the database however
/// often and from however many exporters it is scraped. A counter row that every step updated would
/// be exact, but it is one row every step of every execution would lock, and the step hot path is
/// what the service is measured by (SPEC §9).
/// </summary>
public sealed class WaitingCounts(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How old the counts may be when read.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private static readonly string Callback = WireNames.Of(WaitKind.Callback);
    private static readonly string Approval = WireNames.Of(WaitKind.Approval);
    private static readonly string Wait = WireNames.Of(TimerKind.Wait);

    private readonly Lock _gate = new();
    private Measurement<long>[] _counts =
    [
        Of("callback", 0), Of("approval", 0), Of("timer", 0), Of("child", 0),
    ];

    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private bool _reading;

    /// <summary>The observable gauge's callback: the kept counts, read again first when they are older than <see cref="MaxAge"/>.</summary>
    public IEnumerable<Measurement<long>> Measure()
    {
        lock (_gate)
        {
            if (_reading || time.GetUtcNow() - _readAt < MaxAge)
            {
                return _counts;
            }

            _reading = true;
        }

        try
        {
            // An instrument's callback is synchronous; a scrape waits on these few indexed counts once a MaxAge.
            var counts = ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
            lock (_gate)
            {
                _counts = counts;
                _readAt = time.GetUtcNow();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The database is away: the last counts stand, and the next scrape tries again.
        }
        finally
        {
            lock (_gate)
            {
                _reading = false;
            }
        }

        return _counts;
    }

    private async Task<Measurement<long>[]> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        var callbacks = await WaitingFor(db, Callback).CountAsync(cancellationToken).ConfigureAwait(false);
        var approvals = await WaitingFor(db, Approval).CountAsync(cancellationToken).ConfigureAwait(false);
        var timers = await db.Timers.Where(t => t.Kind == Wait).Select(t => t.ExecutionId).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);

        // A child is started with its parent's key (ParentLink.IdempotencyKey: child:{parent}:{task}:{attempt}).
        var unfinished = ExecutionStatuses.UnfinishedWireNames;
        var children = await db.Executions
            .Where(e => unfinished.Contains(e.State) && e.IdempotencyKey != null && e.IdempotencyKey.StartsWith("child:"))
            .Select(e => e.IdempotencyKey!.Substring(6, 32)).Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
        return [Of("callback", callbacks), Of("approval", approvals), Of("timer", timers), Of("child", children)];
    }

    /// <summary>Unfinished executions with a task waiting for <paramref name="kind"/>, as the <c>data</c> column spells it (ExecutionStateJson).</summary>
    private static IQueryable<ExecutionEntity> WaitingFor(WfaasDbContext db, string kind)
    {
        var unfinished = ExecutionStatuses.UnfinishedWireNames;
        var spelled = $"\"wait\":\"{kind}\"";
        return db.Executions.Where(e => unfinished.Contains(e.State) && e.Data.Contains(spelled));
    }

    private static Measurement<long> Of(string kind, long count) => new(count, new KeyValuePair<string, object?>("kind", kind));
}
