using System.Text.Json;
using WfaaS.Engine.Execution;
using WfaaS.Engine.Execution.Effects;
using WfaaS.Engine.Execution.Events;

namespace WfaaS.Engine.Tests.TestKit;

/// <summary>
/// What Storage does for the step function's archived <c>for_each</c> elements, in memory: keeps
/// the rows <see cref="ArchiveTask"/> writes, drops them on <see cref="DropArchive"/>, and loads an
/// item's rows and steps again when a step says it <see cref="StepResult.Needs"/> them.
/// </summary>
internal sealed class Archive
{
    private readonly Dictionary<string, TaskDetail> _rows = new(StringComparer.Ordinal);

    public int Loads { get; private set; }

    public StepResult Start(string definitionJson, string input = "{}")
    {
        using var document = JsonDocument.Parse(input);
        var state = ExecutionState.Create(Guid.Parse("6f1c2a9e-0000-4000-8000-000000000001"), Executions.Plan(definitionJson), document.RootElement);
        return Step(state, new ExecutionStarted(), Executions.Now);
    }

    public StepResult Step(ExecutionState state, ExecutionEvent evt, DateTimeOffset now)
    {
        var result = StepFunction.Step(state, evt, now);
        for (var pass = 0; !result.IsComplete; pass++)
        {
            Assert.True(pass < 3, $"still needs {string.Join(", ", result.Needs)}");
            foreach (var item in result.Needs)
            {
                state = state.WithArchived(item, _rows.Values.Where(t => InstanceName.ItemOf(t.Name) == item));
                Loads++;
            }

            result = StepFunction.Step(state, evt, now);
        }

        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case ArchiveTask archived:
                    _rows[archived.Task.Name] = archived.Task;
                    break;
                case DropArchive dropped:
                    foreach (var name in _rows.Keys.Where(k => InstanceName.ItemOf(k) == dropped.Item).ToList())
                    {
                        _rows.Remove(name);
                    }

                    break;
                default:
                    break;
            }
        }

        return result;
    }

    /// <summary>A task or element as the API would list it: in the state, else in the archive.</summary>
    public TaskDetail Task(StepResult step, string name) =>
        step.Next.Tasks.TryGetValue(name, out var task) ? task : _rows[name];

    public bool Has(string name) => _rows.ContainsKey(name);
}
