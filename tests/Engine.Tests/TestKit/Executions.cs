using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;
using WfaaS.Engine.Execution.StateMachines;
using WfaaS.Engine.Planning;

namespace WfaaS.Engine.Tests.TestKit;

/// <summary>Runs definitions through the pure step function.</summary>
internal static class Executions
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static ExecutionPlan Plan(string definitionJson)
    {
        var result = DefinitionJson.Validate(definitionJson);
        DefinitionJson.AssertValid(result);
        return PlanCompiler.Compile(result.Definition!);
    }

    public static StepResult Start(string definitionJson, string input = "{}", string? stopAt = null)
    {
        using var document = JsonDocument.Parse(input);
        var state = ExecutionState.Create(Guid.Parse("6f1c2a9e-0000-4000-8000-000000000001"), Plan(definitionJson), document.RootElement, stopAt);
        return StepFunction.Step(state, new ExecutionStarted(), Now);
    }

    /// <summary>TASKFLOW.md notation in history order: "x:a" a executed, "x:a!" its execution failed, "!:a" it failed without running (its condition), "r:a" reverted, "r:a!" its revert failed.</summary>
    public static IReadOnlyList<string> Trace(params StepResult[] steps)
    {
        var trace = new List<string>();
        foreach (var h in steps.SelectMany(s => s.History).Where(h => h.Subject == HistorySubject.Task))
        {
            switch (h.To)
            {
                case "RUNNING":
                    trace.Add($"x:{h.Name}");
                    break;
                case "FAILURE" when h.From == "PENDING":
                    trace.Add($"!:{h.Name}");
                    break;
                case "FAILURE":
                    trace[trace.LastIndexOf($"x:{h.Name}")] = $"x:{h.Name}!";
                    break;
                case "REVERTED":
                    trace.Add($"r:{h.Name}");
                    break;
                case "REVERT_FAILURE":
                    trace.Add($"r:{h.Name}!");
                    break;
                default:
                    break;
            }
        }

        return trace;
    }

    public static TaskDetailStatus StatusOf(StepResult step, string task) => step.Next.Tasks[task].Status;

    /// <summary>The one timer of <paramref name="kind"/> the step scheduled.</summary>
    public static ScheduleTimer TimerOf(StepResult step, TimerKind kind) => step.Effects.OfType<ScheduleTimer>().Single(t => t.Kind == kind);

    public static int IndexOf(IReadOnlyList<string> trace, string entry)
    {
        var index = trace.ToList().IndexOf(entry);
        Assert.True(index >= 0, $"'{entry}' not in trace {string.Join(" ", trace)}");
        return index;
    }
}
