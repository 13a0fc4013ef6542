using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>
/// A signed token (<see cref="CallbackTokens"/>) as the execution's state tells it: live while its
/// task's attempt waits on its nonce (for an approver, until they decided), gone otherwise. What the
/// engine keeps is the whole answer, so a waiting token needs no row (docs/decisions.md).
/// </summary>
public static class TokenWaits
{
    /// <summary>The waiting task's token that <paramref name="claim"/> names, or null when it no longer waits on it.</summary>
    public static (TaskDetail Task, WaitToken Token)? Live(ExecutionState state, TokenClaim claim, WaitKind kind)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(claim);
        if (state.IsFinished)
        {
            return null;
        }

        foreach (var task in state.Tasks.Values)
        {
            if (task.Tokens.IsEmpty || task.Attempt != claim.Attempt || task.Status != TaskDetailStatus.Waiting || task.Wait != kind)
            {
                continue;
            }

            foreach (var token in task.Tokens)
            {
                if (token.Nonce == claim.Nonce)
                {
                    // SPEC §3.4.1: an approver's link decides once; the shared link, once for everyone.
                    return task.Approval is { } progress && !progress.MayDecide(token.Approver) ? null : (task, token);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The token as a row would say it (what the API and the approval page read): ACTIVE when live,
    /// else VOIDED, with its task when the state still names it.
    /// </summary>
    public static TokenEntity Describe(byte[] hash, TokenClaim claim, WaitKind kind, ExecutionState state)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(state);
        var live = Live(state, claim, kind);
        var task = live?.Task ?? claim.TaskIn(state);
        var row = new TokenEntity
        {
            Hash = hash,
            Nonce = claim.Nonce,
            ExecutionId = claim.ExecutionId,
            Task = task?.Name ?? string.Empty,
            Attempt = claim.Attempt,
            Kind = WireNames.Of(kind),
            State = live is null ? TokenStates.Voided : TokenStates.Active,
            Approver = live?.Token.Approver,
            CreatedAt = task?.StartedAt?.UtcDateTime ?? default,
        };
        return task is null ? row : Fill(row, state, task);
    }

    /// <summary>The row of a token accepted now: its answer is kept for a duplicate or a conflict (SPEC §6).</summary>
    public static TokenEntity Accepted(TokenEntity live, string bodyHash)
    {
        ArgumentNullException.ThrowIfNull(live);
        return new TokenEntity
        {
            Hash = live.Hash,
            Nonce = live.Nonce,
            ExecutionId = live.ExecutionId,
            Task = live.Task,
            Attempt = live.Attempt,
            Kind = live.Kind,
            State = TokenStates.Accepted,
            AcceptedBodyHash = bodyHash,
            Approver = live.Approver,
            Quorum = live.Quorum,
            CreatedAt = live.CreatedAt,
            DueAt = live.DueAt,
        };
    }

    /// <summary>What the engine state says of an approval: its prompt (the bound input's), approvers, quorum; and the task's deadline.</summary>
    public static TokenEntity Fill(TokenEntity row, ExecutionState state, TaskDetail task)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(task);
        row.DueAt ??= DueAt(task)?.UtcDateTime;
        if (row.Kind == WireNames.Of(WaitKind.Approval))
        {
            row.Prompt ??= PromptOf(state, task.Name);
            if (task.Approval is { } progress)
            {
                row.ApproversJson ??= progress.Approvers.IsEmpty ? null : JsonSerializer.Serialize(progress.Approvers);
                row.Quorum ??= progress.Quorum;
            }
        }

        return row;
    }

    /// <summary>Until when the task waits: its timeout (SPEC §5.2), if it has one.</summary>
    public static DateTimeOffset? DueAt(TaskDetail task)
    {
        ArgumentNullException.ThrowIfNull(task);
        DateTimeOffset? due = null;
        foreach (var timer in task.Timers)
        {
            if (timer.Kind == TimerKind.Timeout && (due is null || timer.DueAt < due))
            {
                due = timer.DueAt;
            }
        }

        return due;
    }

    /// <summary>An approval's prompt as its input binds it (SPEC §3.4).</summary>
    public static string? PromptOf(ExecutionState state, string task) =>
        StepFunction.InputOf(state, task) is { ValueKind: JsonValueKind.Object } input && input.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String
            ? prompt.GetString()
            : null;
}
