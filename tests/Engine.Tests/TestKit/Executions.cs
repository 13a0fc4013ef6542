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

    /// <summary>
    /// The whole trace, wave by wave as TASKFLOW.md writes it (<c>x:a</c>, then <c>r:{b,c}</c>): each
    /// wave a space-separated set whose entries come in any order among themselves, the waves in
    /// sequence, and nothing else in the trace.
    /// </summary>
    public static void AssertOrder(IReadOnlyList<string> trace, params string[] waves)
    {
        var expected = waves.Select(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var message = $"trace {string.Join(" ", trace)} is not {string.Join(" | ", waves)}";
        Assert.True(trace.Count == expected.Sum(w => w.Length), message);
        var at = 0;
        foreach (var wave in expected)
        {
            Assert.True(wave.Order(StringComparer.Ordinal).SequenceEqual(trace.Skip(at).Take(wave.Length).Order(StringComparer.Ordinal)), message);
            at += wave.Length;
        }
    }

    /// <summary>TASKFLOW rule 5: every one of <paramref name="tasks"/> was started before any of them finished.</summary>
    public static void AssertStartedTogether(StepResult step, params string[] tasks)
    {
        var history = step.History.Where(h => h.Subject == HistorySubject.Task && tasks.Contains(h.Name)).Select(h => $"{h.Name}:{h.To}").ToList();
        var started = history.Take(tasks.Length).ToList();
        Assert.True(
            tasks.Select(t => $"{t}:RUNNING").Order(StringComparer.Ordinal).SequenceEqual(started.Order(StringComparer.Ordinal)),
            $"{string.Join(", ", tasks)} were not all started before one finished: {string.Join(" ", history)}");
    }
}
