using static WfaaS.Engine.Tests.TestKit.DefinitionJson;

namespace WfaaS.Engine.Tests.Validation;

/// <summary>
/// Cross-checks <c>DataFlowRule</c> against a brute-force oracle: expand the nested flows into a task-level
/// "finishes before" relation (TASKFLOW rules 1–3) and compare which requirements it leaves unsatisfied.
/// </summary>
public sealed class DataFlowOracleTests
{
    [Fact]
    public void Check_RandomNestedStructures_MatchesTheHappensBeforeOracle()
    {
        var random = new Random(4242);
        var compared = 0;
        for (var round = 0; round < 300; round++)
        {
            var tasks = new List<Leaf>();
            var root = RandomFlow(random, depth: 1, tasks);
            foreach (var task in tasks)
            {
                task.Requires = [.. tasks.Where(t => t != task && random.Next(tasks.Count) < 2).Select(t => t.Provides)];
            }

            var result = Validate(Workflow(Render(root, "flow")));
            if (result.Errors.Any(e => e.Message.StartsWith("cycle:", StringComparison.Ordinal)))
            {
                continue;
            }

            var expected = Oracle(root, tasks);
            var actual = result.Errors.Select(e => e.Path).ToHashSet();
            Assert.True(expected.SetEquals(actual), $"round {round}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", result.Errors)}]");
            compared++;
        }

        Assert.True(compared > 150, $"only {compared} structures without cycles");
    }

    private static Flow RandomFlow(Random random, int depth, List<Leaf> tasks)
    {
        string[] types = ["linear", "unordered", "graph"];
        var flow = new Flow(types[random.Next(3)]);
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            if (depth < 4 && random.Next(3) == 0)
            {
                flow.Children.Add(RandomFlow(random, depth + 1, tasks));
            }
            else
            {
                var leaf = new Leaf($"t{tasks.Count}", $"s{tasks.Count}");
                tasks.Add(leaf);
                flow.Children.Add(leaf);
            }
        }

        return flow;
    }

    private static string Render(Flow flow, string path)
    {
        var items = flow.Children.Select((child, i) =>
        {
            var itemPath = $"{path}.items[{i}]";
            if (child is Flow nested)
            {
                return $$"""{"flow": {{Render(nested, itemPath + ".flow")}}}""";
            }

            var leaf = (Leaf)child;
            leaf.Path = itemPath;
            return Noop(leaf.Name, $"\"provides\": \"{leaf.Provides}\", \"requires\": [{string.Join(", ", leaf.Requires.Select(r => $"\"{r}\""))}]");
        });
        return Flow(flow.Type, [.. items]);
    }

    private static HashSet<string> Oracle(Flow root, List<Leaf> tasks)
    {
        var index = tasks.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var before = new bool[tasks.Count, tasks.Count];
        Order(root);
        for (var k = 0; k < tasks.Count; k++)
        {
            for (var i = 0; i < tasks.Count; i++)
            {
                for (var j = 0; j < tasks.Count; j++)
                {
                    before[i, j] |= before[i, k] && before[k, j];
                }
            }
        }

        var providers = tasks.ToDictionary(t => t.Provides);
        var errors = new HashSet<string>();
        foreach (var task in tasks)
        {
            for (var r = 0; r < task.Requires.Length; r++)
            {
                if (!before[index[providers[task.Requires[r]]], index[task]])
                {
                    errors.Add($"{task.Path}.requires[{r}]");
                }
            }
        }

        return errors;

        void Order(Flow flow)
        {
            var children = flow.Children;
            var edges = new bool[children.Count, children.Count];
            for (var a = 0; a < children.Count; a++)
            {
                for (var b = 0; b < children.Count; b++)
                {
                    edges[a, b] = a != b && flow.Type switch
                    {
                        "linear" => a < b,
                        "graph" => Provides(children[a]).Overlaps(Needs(children[b])),
                        _ => false,
                    };
                }
            }

            for (var k = 0; k < children.Count; k++)
            {
                for (var a = 0; a < children.Count; a++)
                {
                    for (var b = 0; b < children.Count; b++)
                    {
                        edges[a, b] |= edges[a, k] && edges[k, b];
                    }
                }
            }

            for (var a = 0; a < children.Count; a++)
            {
                for (var b = 0; b < children.Count; b++)
                {
                    if (edges[a, b])
                    {
                        foreach (var x in Leaves(children[a]))
                        {
                            foreach (var y in Leaves(children[b]))
                            {
                                before[index[x], index[y]] = true;
                            }
                        }
                    }
                }
            }

            foreach (var nested in children.OfType<Flow>())
            {
                Order(nested);
            }
        }
    }

    private static IEnumerable<Leaf> Leaves(Node node) =>
        node is Leaf leaf ? [leaf] : ((Flow)node).Children.SelectMany(Leaves);

    private static HashSet<string> Provides(Node node) => [.. Leaves(node).Select(l => l.Provides)];

    private static HashSet<string> Needs(Node node)
    {
        var needs = Leaves(node).SelectMany(l => l.Requires).ToHashSet();
        needs.ExceptWith(Provides(node));
        return needs;
    }

    private abstract class Node;

    private sealed class Flow(string type) : Node
    {
        public string Type { get; } = type;

        public List<Node> Children { get; } = [];
    }

    private sealed class Leaf(string name, string provides) : Node
    {
        public string Name { get; } = name;

        public string Provides { get; } = provides;

        public string[] Requires { get; set; } = [];

        public string Path { get; set; } = string.Empty;
    }
}
