using Microsoft.EntityFrameworkCore;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>
/// Every stored row a request could change, as text, so a test compares the database before and after
/// (SPEC §7: no malformed request changes stored state). The outbox's dispatch time is left out: the
/// scheduler marks rows done in the background, which no request decides.
/// </summary>
internal static class StoredState
{
    public static Task<string> ReadAsync(WfaasApiFactory factory, CancellationToken cancellationToken) => factory.QueryAsync(async db =>
    {
        var definitions = await db.WorkflowDefinitions.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => $"definition {d.Id} {d.Name} v{d.Version} {d.TextHash}").ToListAsync(cancellationToken);
        var executions = await db.Executions.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => $"execution {e.Id} {e.State} row {e.RowVersion} {e.UpdatedAt:O} {e.Data}")
            .ToListAsync(cancellationToken);
        var history = await db.History.AsNoTracking().OrderBy(h => h.ExecutionId).ThenBy(h => h.FirstSeq)
            .Select(h => $"history {h.ExecutionId} {h.FirstSeq}-{h.LastSeq}").ToListAsync(cancellationToken);
        var tokens = await db.Tokens.AsNoTracking().OrderBy(t => t.Hash)
            .Select(t => $"token {t.ExecutionId} {t.Task}#{t.Attempt} {t.Kind} {t.State} {t.AcceptedBodyHash}").ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().OrderBy(t => t.ExecutionId).ThenBy(t => t.Serial)
            .Select(t => $"timer {t.ExecutionId} {t.Serial} {t.Task} {t.Kind} {t.DueAt:O}").ToListAsync(cancellationToken);
        var outbox = await db.Outbox.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => $"outbox {o.Id} {o.ExecutionId} {o.Kind}").ToListAsync(cancellationToken);
        var triggers = await db.Triggers.AsNoTracking().OrderBy(t => t.Name).Select(t => $"trigger {t.Name}").ToListAsync(cancellationToken);
        return string.Join('\n', definitions.Concat(executions).Concat(history).Concat(tokens).Concat(timers).Concat(outbox).Concat(triggers));
    });
}
