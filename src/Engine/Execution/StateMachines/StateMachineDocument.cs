using System.Text;

namespace WfaaS.Engine.Execution.StateMachines;

/// <summary>Renders the transition tables as Markdown (<c>docs/state-machines.md</c>, kept in step by a test).</summary>
public static class StateMachineDocument
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# State machines\n\n");
        text.Append("Generated from the transition tables in `src/Engine/Execution/StateMachines` by\n");
        text.Append("`StateMachineDocumentTests`; a transition not listed here throws (SPEC §4).\n");
        Table(text, "Execution", ExecutionTransitions.Table);
        Table(text, "Task", TaskTransitions.Table);
        Table(text, "Checkpoint", CheckpointTransitions.Table);
        return text.ToString();
    }

    private static void Table<TState, TTrigger>(StringBuilder text, string title, TransitionTable<TState, TTrigger> table)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        text.Append("\n## ").Append(title).Append("\n\n| from | on | to |\n|---|---|---|\n");
        foreach (var row in table.Rows)
        {
            text.Append("| `").Append(WireNames.Of(row.From)).Append("` | ").Append(row.Trigger)
                .Append(" | `").Append(WireNames.Of(row.To)).Append("` |\n");
        }
    }
}
