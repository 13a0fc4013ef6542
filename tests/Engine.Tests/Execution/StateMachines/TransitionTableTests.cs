using WfaaS.Engine.Execution.StateMachines;

namespace WfaaS.Engine.Tests.Execution.StateMachines;

/// <summary>Every pair outside a table throws; every row inside it moves where it says.</summary>
public sealed class TransitionTableTests
{
    [Fact]
    public void ExecutionTable_EveryPair_FollowsTheTableOrThrows() => AssertEveryPair(ExecutionTransitions.Table);

    [Fact]
    public void TaskTable_EveryPair_FollowsTheTableOrThrows() => AssertEveryPair(TaskTransitions.Table);

    [Fact]
    public void CheckpointTable_EveryPair_FollowsTheTableOrThrows() => AssertEveryPair(CheckpointTransitions.Table);

    [Fact]
    public void Tables_SuccessAndCancelled_AcceptNoTrigger()
    {
        foreach (var final in new[] { ExecutionStatus.Success, ExecutionStatus.Cancelled })
        {
            Assert.All(Enum.GetValues<ExecutionTrigger>(), trigger => Assert.False(ExecutionTransitions.Table.Allows(final, trigger)));
        }
    }

    private static void AssertEveryPair<TState, TTrigger>(TransitionTable<TState, TTrigger> table)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var rows = table.Rows.ToDictionary(r => (r.From, r.Trigger), r => r.To);
        foreach (var from in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>())
            {
                if (rows.TryGetValue((from, trigger), out var to))
                {
                    Assert.True(table.Allows(from, trigger));
                    Assert.Equal(to, table.Next(from, trigger));
                }
                else
                {
                    Assert.False(table.Allows(from, trigger));
                    var thrown = Assert.Throws<IllegalTransitionException>(() => table.Next(from, trigger));
                    Assert.Equal(table.Subject, thrown.Subject);
                }
            }
        }
    }
}
