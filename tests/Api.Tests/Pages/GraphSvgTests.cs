using System.Net;
using System.Xml.Linq;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Pages;

/// <summary>SPEC §6 <c>graph.svg</c>, §11: every task a <c>g</c> with data-task, data-state and a title; skipped dashed; a fan-out one node with counts.</summary>
public abstract class GraphSvgTests(ApiFixture fixture)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Factory.CreateClient();

    [Fact]
    public async Task Graph_OfAFailedRevertedFlow_NamesEveryTasksStateAsTheTasksListDoes()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "reserve", "action": "noop", "revert": {"action": "noop"}},
              {"checkpoint": "reserved"},
              {"flow": {"name": "side", "type": "unordered", "items": [
                {"task": "tag", "action": "noop"}, {"task": "skipme", "action": "noop", "when": "false"}]}},
              {"task": "explode", "action": "fail", "input": {"message": "boom"}}
            ]}, "input": ["hosts"]}
            """, Token);
        var id = (await StartAsync(Client, name, """{"hosts": ["a", "b", "c"]}""", Token)).GetProperty("id").GetString()!;
        await WaitForStateAsync(fixture.Factory, id, "REVERTED", Token);

        var response = await Client.GetAsync($"/api/v1/executions/{id}/graph.svg", Token);
        var tasks = await HttpAssert.JsonAsync(await Client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var nodes = svg.Descendants(Svg + "g").Where(g => g.Attribute("data-task") is not null)
            .ToDictionary(g => g.Attribute("data-task")!.Value, g => g);
        var expected = tasks.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("index").ValueKind == System.Text.Json.JsonValueKind.Null)
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("state").GetString()!);
        Assert.Equal(expected.OrderBy(p => p.Key), nodes.ToDictionary(n => n.Key, n => n.Value.Attribute("data-state")!.Value).OrderBy(p => p.Key));
        Assert.All(nodes, n => Assert.Equal($"{n.Key}: {n.Value.Attribute("data-state")!.Value}", n.Value.Element(Svg + "title")?.Value));
        Assert.Equal(("REVERTED", "SKIPPED"), (expected["reserve"], expected["skipme"]));
        Assert.NotNull(nodes["skipme"].Element(Svg + "rect")?.Attribute("stroke-dasharray"));
        Assert.Null(nodes["tag"].Element(Svg + "rect")?.Attribute("stroke-dasharray"));
        Assert.Equal("REACHED", svg.Descendants(Svg + "g").Single(g => g.Attribute("data-checkpoint")?.Value == "reserved").Attribute("data-state")?.Value);
        Assert.Contains(svg.Descendants(Svg + "g"), g => g.Attribute("data-flow")?.Value == "side");
    }

    [Fact]
    public async Task Graph_FanOut_OneNodeWithItsElementsCountsByState()
    {
        var name = await PostDefinitionAsync(Client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "input": ["vms"], "flow": {"type": "linear", "items": [
              {"task": "boot", "action": "delegate", "for_each": "${vms}", "as": "vm", "concurrency": 2}
            ]}}
            """, Token);
        var id = (await StartAsync(Client, name, """{"vms": ["a", "b", "c"]}""", Token)).GetProperty("id").GetString()!;

        var svg = XDocument.Parse(await (await Client.GetAsync($"/api/v1/executions/{id}/graph.svg", Token)).Content.ReadAsStringAsync(Token));

        var boot = Assert.Single(svg.Descendants(Svg + "g"), g => g.Attribute("data-task") is not null);
        Assert.Equal(("boot", "RUNNING", "3"), (boot.Attribute("data-task")!.Value, boot.Attribute("data-state")!.Value, boot.Attribute("data-fan-out")!.Value));
        Assert.Equal("PENDING 1 · WAITING 2", boot.Attribute("data-counts")!.Value);
        Assert.Equal("boot: RUNNING", boot.Element(Svg + "title")!.Value);
    }

    [Fact]
    public async Task Graph_UnknownExecution_Is404Problem()
    {
        await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/executions/{Guid.NewGuid()}/graph.svg", Token), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/executions/not-a-guid/graph.svg", Token), HttpStatusCode.NotFound);
    }
}

public sealed class SqliteGraphSvgTests(SqliteApiFixture fixture) : GraphSvgTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresGraphSvgTests(PostgresApiFixture fixture) : GraphSvgTests(fixture), IClassFixture<PostgresApiFixture>;
