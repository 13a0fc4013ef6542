using WfaaS.Engine.Execution.StateMachines;
using static WfaaS.Engine.Execution.StateMachines.CheckpointStatus;
using static WfaaS.Engine.Execution.StateMachines.CheckpointTrigger;
using static WfaaS.Engine.Execution.StateMachines.ExecutionStatus;
using static WfaaS.Engine.Execution.StateMachines.ExecutionTrigger;
using static WfaaS.Engine.Execution.StateMachines.TaskDetailStatus;
using static WfaaS.Engine.Execution.StateMachines.TaskTrigger;

namespace WfaaS.Engine.Tests.Execution.StateMachines;

/// <summary>
/// Each table against the machine SPEC §4–5 describes, written out here row by row and never read
/// from the table itself: every (from, trigger) below moves where it says, and every other pair of
/// the enums throws. A row added to, removed from or changed in a table fails here until this
/// expectation (and so the reading of the SPEC it records) is changed with it.
/// </summary>
public sealed class TransitionTableTests
{
    private static readonly (ExecutionStatus From, ExecutionTrigger On, ExecutionStatus To)[] ExecutionRows =
    [
        (ExecutionStatus.Running, Succeed, ExecutionStatus.Success),          // §5.1 every item of the root flow succeeded
        (ExecutionStatus.Running, ExecutionTrigger.Fail, ExecutionStatus.Reverting), // §5.2 revert_all, §5.4 revert_to_checkpoint
        (ExecutionStatus.Running, FailAndPause, Paused),                      // §5.4 on_failure: pause
        (ExecutionStatus.Running, Pause, Paused),                             // §5.5 pause
        (ExecutionStatus.Running, Cancel, Cancelled),                         // §5.5 cancel
        (ExecutionStatus.Running, ExecutionTrigger.Revert, ExecutionStatus.Reverting), // §5.5 revert {to_checkpoint?}
        (ExecutionStatus.Running, ExecutionTrigger.RevertFail, Failed),       // §5.3 a retry scope's revert fails while the execution runs → §5.2 FAILED
        (ExecutionStatus.Running, RunTo, ExecutionStatus.Running),            // §5.5 run-to a checkpoint ahead while running
        (Paused, Resume, ExecutionStatus.Running),                            // §5.5 resume
        (Paused, Retry, ExecutionStatus.Running),                             // §5.4 pause: the operator fixes things and retries
        (Paused, ExecutionTrigger.Revert, ExecutionStatus.Reverting),         // §5.4 pause → revert
        (Paused, Cancel, Cancelled),                                          // §5.4 pause → cancel
        (Paused, RunTo, ExecutionStatus.Running),                             // §5.5 run-to forward from a pause
        (ExecutionStatus.Reverting, ExecutionTrigger.RevertComplete, ExecutionStatus.Reverted), // §5.2 all reverted
        (ExecutionStatus.Reverting, RevertAndStop, Paused),                   // §5.5 revert then: stop, run-to backward
        (ExecutionStatus.Reverting, RevertAndResume, ExecutionStatus.Running), // §5.5 revert then: resume
        (ExecutionStatus.Reverting, ExecutionTrigger.RevertFail, Failed),     // §5.2 a revert action fails
        (ExecutionStatus.Reverting, Cancel, Cancelled),                       // §5.5 cancel: terminal, no further revert
        (ExecutionStatus.Reverted, Retry, ExecutionStatus.Running),           // §5.4 revert_to_checkpoint: retry resumes forward
        (Failed, Retry, ExecutionStatus.Running),                             // §5.5 retry re-runs failed and reverted tasks
    ];

    private static readonly (TaskDetailStatus From, TaskTrigger On, TaskDetailStatus To)[] TaskRows =
    [
        (TaskDetailStatus.Pending, Start, TaskDetailStatus.Running),                           // §5.1 ready tasks start
        (TaskDetailStatus.Pending, Skip, Skipped),                            // §3.5 a when is false, or what it needs was skipped
        (TaskDetailStatus.Pending, TaskTrigger.Fail, Failure),                // §3.5 its condition throws: it fails without starting
        (TaskDetailStatus.Running, Complete, TaskDetailStatus.Success),       // §5.1
        (TaskDetailStatus.Running, TaskTrigger.Fail, Failure),                // §5.2 attempts used up
        (TaskDetailStatus.Running, FailRetryable, Retrying),                  // §5.2 retry after a durable delay
        (TaskDetailStatus.Running, Suspend, Waiting),                         // §1 wait, approval, delegate, workflow
        (TaskDetailStatus.Running, TaskTrigger.Revert, TaskDetailStatus.Reverting), // §3.6 a for_each item reverts its elements
        (Waiting, Complete, TaskDetailStatus.Success),                        // §3.4 timer fired, callback, approval, child
        (Waiting, TaskTrigger.Fail, Failure),                                 // §5.2 timeout, missed heartbeat, failure callback, rejection
        (Waiting, FailRetryable, Retrying),                                   // §5.2 the same, with retries left
        (Waiting, TaskTrigger.Revert, TaskDetailStatus.Reverting),            // §5.2 waiting tasks are cancelled and reverted
        (Waiting, SkipRevert, TaskDetailStatus.Reverted),                     // §5.2 … a task without revert runs nothing
        (Waiting, Vote, Waiting),                                             // §3.4.1 an approval short of the quorum
        (Retrying, Start, TaskDetailStatus.Running),                          // §5.2 the retry timer fires
        (Retrying, TaskTrigger.Reset, TaskDetailStatus.Pending),                               // §5.3 a scope retry resets its tasks
        (Retrying, TaskTrigger.Revert, TaskDetailStatus.Reverting),           // §5.2 the execution reverts while this one waits to retry
        (Retrying, SkipRevert, TaskDetailStatus.Reverted),                    // §5.2 … without revert
        (TaskDetailStatus.Success, TaskTrigger.Revert, TaskDetailStatus.Reverting), // §5.2 reverse dependency order
        (TaskDetailStatus.Success, SkipRevert, TaskDetailStatus.Reverted),    // §5.2 without revert
        (TaskDetailStatus.Success, TaskTrigger.Reset, TaskDetailStatus.Pending),               // §5.3 scope rerun, §5.5 run-to / retry
        (Failure, TaskTrigger.Revert, TaskDetailStatus.Reverting),            // §5.2 the failed task's own revert runs too
        (Failure, SkipRevert, TaskDetailStatus.Reverted),                     // §5.2 without revert
        (Failure, TaskTrigger.Reset, TaskDetailStatus.Pending),                                // §5.4 pause → retry
        (TaskDetailStatus.Reverting, TaskTrigger.RevertComplete, TaskDetailStatus.Reverted), // §5.2
        (TaskDetailStatus.Reverting, TaskTrigger.RevertFail, RevertFailure),  // §5.2 a revert action fails
        (TaskDetailStatus.Reverted, TaskTrigger.Reset, TaskDetailStatus.Pending),              // §5.3 scope rerun, §5.4 retry
        (RevertFailure, TaskTrigger.Reset, TaskDetailStatus.Pending),                          // §5.5 retry after FAILED
        (Skipped, TaskTrigger.Reset, TaskDetailStatus.Pending),                                // §3.5 decided again when reset
    ];

    private static readonly (CheckpointStatus From, CheckpointTrigger On, CheckpointStatus To)[] CheckpointRows =
    [
        (CheckpointStatus.Pending, Reach, Reached),                           // §5.5 every item before it succeeded
        (Reached, CheckpointTrigger.Reset, CheckpointStatus.Pending),         // §5.3 scope rerun, §5.5 revert back past it
    ];

    [Fact]
    public void ExecutionTable_IsExactlyTheSpecMachine() =>
        AssertTable(ExecutionTransitions.Table, HistorySubject.Execution, ExecutionRows);

    [Fact]
    public void TaskTable_IsExactlyTheSpecMachine() =>
        AssertTable(TaskTransitions.Table, HistorySubject.Task, TaskRows);

    [Fact]
    public void CheckpointTable_IsExactlyTheSpecMachine() =>
        AssertTable(CheckpointTransitions.Table, HistorySubject.Checkpoint, CheckpointRows);

    [Fact]
    public void ExecutionTable_SuccessAndCancelled_AcceptNoTrigger()
    {
        foreach (var final in new[] { ExecutionStatus.Success, Cancelled })
        {
            Assert.All(Enum.GetValues<ExecutionTrigger>(), trigger => Assert.False(ExecutionTransitions.Table.Allows(final, trigger)));
        }
    }

    [Fact]
    public void IllegalTransition_NamesSubjectStateAndTrigger()
    {
        var thrown = Assert.Throws<IllegalTransitionException>(() => TaskTransitions.Table.Next(TaskDetailStatus.Pending, Complete));

        Assert.Equal((HistorySubject.Task, "Pending", "Complete"), (thrown.Subject, thrown.From, thrown.Trigger));
        Assert.Equal("No Task transition from Pending on Complete.", thrown.Message);
    }

    private static void AssertTable<TState, TTrigger>(
        TransitionTable<TState, TTrigger> table, HistorySubject subject, (TState From, TTrigger On, TState To)[] expected)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        Assert.Equal(subject, table.Subject);
        var expectedRows = expected.ToDictionary(r => (r.From, r.On), r => r.To);   // a duplicate expectation throws here
        Assert.Equal(
            expected.Select(r => $"{r.From} --{r.On}--> {r.To}").Order(StringComparer.Ordinal),
            table.Rows.Select(r => $"{r.From} --{r.Trigger}--> {r.To}").Order(StringComparer.Ordinal));

        var wrong = new List<string>();
        foreach (var from in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>())
            {
                if (expectedRows.TryGetValue((from, trigger), out var to))
                {
                    if (!table.Allows(from, trigger) || !EqualityComparer<TState>.Default.Equals(table.Next(from, trigger), to))
                    {
                        wrong.Add($"{from} --{trigger}--> expected {to}, table says {(table.Allows(from, trigger) ? table.Next(from, trigger).ToString() : "nothing")}");
                    }

                    continue;
                }

                if (table.Allows(from, trigger))
                {
                    wrong.Add($"{from} --{trigger}--> allowed, but the SPEC has no such move");
                    continue;
                }

                var thrown = Assert.Throws<IllegalTransitionException>(() => table.Next(from, trigger));
                Assert.Equal((subject, from.ToString(), trigger.ToString()), (thrown.Subject, thrown.From, thrown.Trigger));
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
