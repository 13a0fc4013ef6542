using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;
using WfaaS.Storage.Entities;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Executions;

/// <summary>
/// The fired timer becomes FIRED; timers and tokens whose task has moved on (completed, reverted,
/// retried, timed out) become CANCELLED / VOIDED, so nothing wakes or completes a task that no
/// longer waits; a finished execution keeps none; a heartbeat replaces the previous deadline.
/// All of it as conditional UPDATEs in the step's transaction, before the step's new timers and
/// tokens are inserted: nothing is read first.
/// </summary>
internal static class WaitSettlement
{
    private static readonly string[] WaitingTimers = [Wire(TimerKind.Wait), Wire(TimerKind.Timeout), Wire(TimerKind.Heartbeat)];
    private static readonly string[] RunningTimers = [Wire(TimerKind.Timeout), Wire(TimerKind.Heartbeat)];
    private static readonly string[] RetryTimers = [Wire(TimerKind.Retry)];
    private static readonly string[] PendingTimers = [Wire(TimerKind.ScopeRetry), Wire(TimerKind.Repeat)];

    public static IEnumerable<Statement> Statements(RowSql sql, Guid id, ExecutionEvent evt, ExecutionState next, IEnumerable<string> changed)
    {
        if (evt is TimerFired fired)
        {
            yield return SetTimers(sql, TimerStates.Fired,
                [(nameof(TimerEntity.ExecutionId), id), (nameof(TimerEntity.State), TimerStates.Pending), (nameof(TimerEntity.Task), fired.Task),
                 (nameof(TimerEntity.Attempt), fired.Attempt), (nameof(TimerEntity.Kind), Wire(fired.Kind))]);
        }

        if (next.IsFinished)
        {
            yield return SetTimers(sql, TimerStates.Cancelled, [(nameof(TimerEntity.ExecutionId), id), (nameof(TimerEntity.State), TimerStates.Pending)]);
            yield return VoidTokens(sql, [(nameof(TokenEntity.ExecutionId), id), (nameof(TokenEntity.State), TokenStates.Active)]);
            yield break;
        }

        var heartbeat = evt is HeartbeatReceived h ? h.Task : null;
        var names = changed.Append((evt as TimerFired)?.Task ?? heartbeat).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var task = next.Tasks[name];
            var planned = next.Plan.Task(name);
            if (MayHaveTimers(next.Plan, planned))
            {
                foreach (var statement in CancelTimers(sql, id, task, dropHeartbeat: name == heartbeat))
                {
                    yield return statement;
                }
            }

            if (planned.Node.Action is "delegate" or "approval")
            {
                yield return task.Status == TaskDetailStatus.Waiting
                    ? VoidTokens(sql, [.. TaskTokens(id, name), Where.NotEqual(nameof(TokenEntity.Attempt), task.Attempt)])
                    : VoidTokens(sql, TaskTokens(id, name));
            }
        }
    }

    /// <summary>Pending timers of the task but the ones still live for its state: kinds that no longer apply, then live kinds of another attempt.</summary>
    private static IEnumerable<Statement> CancelTimers(RowSql sql, Guid id, TaskDetail task, bool dropHeartbeat)
    {
        var (live, attempt) = task.Status switch
        {
            TaskDetailStatus.Waiting => (WaitingTimers, (int?)task.Attempt),
            TaskDetailStatus.Running => (RunningTimers, task.Attempt),
            TaskDetailStatus.Retrying => (RetryTimers, task.Attempt + 1),
            TaskDetailStatus.Pending => (PendingTimers, null),
            _ => ([], null),
        };
        if (dropHeartbeat)
        {
            live = [.. live.Where(k => k != Wire(TimerKind.Heartbeat))];
        }

        var pending = TaskTimers(id, task.Name);
        yield return SetTimers(sql, TimerStates.Cancelled, [.. pending, .. live.Select(k => Where.NotEqual(nameof(TimerEntity.Kind), k))]);
        if (attempt is { } a && live.Length > 0)
        {
            yield return SetTimers(sql, TimerStates.Cancelled, [.. pending, Where.NotEqual(nameof(TimerEntity.Attempt), a)]);
        }
    }

    /// <summary>Whether the engine can ever schedule a timer for <paramref name="task"/> (SPEC §3.4, §5.2, §5.3, §5.6).</summary>
    private static bool MayHaveTimers(ExecutionPlan plan, PlannedTask task) =>
        task.Node is { Action: "wait" } or { Retry: not null } or { Timeout: not null } or { Heartbeat: not null }
        || plan.Scopes.Any(s => plan.Tasks.First(t => s.Tasks.Contains(t.Name)).Name == task.Name)
        || (plan.Definition.Repeat is not null && plan.Tasks[0].Name == task.Name);

    private static Where[] TaskTimers(Guid id, string task) =>
        [(nameof(TimerEntity.ExecutionId), id), (nameof(TimerEntity.State), TimerStates.Pending), (nameof(TimerEntity.Task), task)];

    private static Where[] TaskTokens(Guid id, string task) =>
        [(nameof(TokenEntity.ExecutionId), id), (nameof(TokenEntity.State), TokenStates.Active), (nameof(TokenEntity.Task), task)];

    private static Statement SetTimers(RowSql sql, string state, IReadOnlyList<Where> where) =>
        sql.Update<TimerEntity>([(nameof(TimerEntity.State), state)], where);

    private static Statement VoidTokens(RowSql sql, IReadOnlyList<Where> where) =>
        sql.Update<TokenEntity>([(nameof(TokenEntity.State), TokenStates.Voided)], where);

    private static string Wire(TimerKind kind) => WireNames.Of(kind);
}
