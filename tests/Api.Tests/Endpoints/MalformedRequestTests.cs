using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>SPEC §7: no request, however malformed, yields a 500 or changes stored state.</summary>
public abstract class MalformedRequestTests(ApiFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_HundredsOfMalformedBodies_NeverAnswer5xxAndStoreOnlyWhatWasCreated()
    {
        var factory = fixture.Factory;
        var client = factory.CreateClient();
        var before = await factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(Token));
        var created = 0;
        var sent = 0;

        foreach (var (bytes, mediaType) in MalformedBodies())
        {
            foreach (var path in new[] { "/api/v1/workflows", "/api/v1/workflows/validate" })
            {
                var response = await client.PostAsync(path, Bodies.Raw(bytes, mediaType), Token);
                sent++;
                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"{path} answered {status} to a {mediaType} body: {Preview(bytes)}");
                if (status >= 400)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }

                if (path == "/api/v1/workflows" && response.StatusCode == HttpStatusCode.Created)
                {
                    created++;
                }
            }
        }

        var after = await factory.QueryAsync(db => db.WorkflowDefinitions.CountAsync(Token));
        Assert.True(sent >= 400, $"only {sent} requests were sent");
        Assert.Equal(before + created, after);
    }

    /// <summary>
    /// Malformed bodies go to the callback and approval URLs of an execution that really waits on them,
    /// so "nothing changed" can fail: the execution, its tasks, history, tokens and timers stay as they
    /// were, and both tokens still work afterwards with a good body.
    /// </summary>
    [Fact]
    public async Task Post_MalformedBodiesToLiveCallbackAndApprovalTokens_NeverAnswer5xxAndChangeNothing()
    {
        var factory = fixture.Factory;
        var client = factory.CreateClient();
        var name = await Executions.PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName("live")}}}", "output": ["job", "gate"], "flow": {"type": "unordered", "items": [
              {"task": "job", "action": "delegate", "timeout": "P5D", "heartbeat": "PT1H", "provides": "job"},
              {"task": "gate", "action": "approval", "input": {"prompt": "Ship it?"}, "timeout": "P2D", "provides": "gate"}
            ]}}
            """, Token);
        var started = await Executions.StartAsync(client, name, "{}", Token);
        var id = started.GetProperty("id").GetString()!;
        var callback = new Uri(started.GetProperty("waiting").EnumerateArray().Single(w => w.GetProperty("task").GetString() == "job")
            .GetProperty("callback_url").GetString()!).AbsolutePath;
        var pending = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var approve = new Uri(pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id)
            .GetProperty("approve_url").GetString()!).AbsolutePath;
        var stored = await StoredState.ReadAsync(factory, Token);
        var tasks = (await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK)).GetRawText();
        var history = (await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK)).GetRawText();
        var paths = new[]
        {
            callback, approve, "/api/v1/executions",
            $"/api/v1/executions/{Guid.NewGuid()}/pause", $"/api/v1/executions/{Guid.NewGuid()}/run-to", $"/api/v1/executions/{Guid.NewGuid()}/revert",
        };
        (byte[], string?) Json(string text) => (Encoding.UTF8.GetBytes(text), "application/json");
        var bodies = MalformedBodies().Where((_, i) => i % 3 == 0).Concat(
        [
            Json("{\"workflow\": null, \"input\": {\"a\": 1}}"),
            Json("{\"workflow\": \"x\", \"version\": 99999999999}"),
            Json("{\"status\": \"success\", \"result\": {\"deep\": [[[[[]]]]]}"),
            Json("{\"status\": \"SUCCESS\"}"),
            Json("{\"status\": \"failure\", \"error\": {\"type\": 5}}"),
            Json("{\"status\": \"failure\", \"error\": {}}"),
            Json("{\"status\": \"failure\", \"error\": {\"message\": \"\"}}"),
            Json("{\"status\": [\"success\"], \"result\": 1}"),
            Json("{\"decision\": [\"approve\"]}"),
            Json("{\"decision\": \"Approve\"}"),
            Json("{\"decision\": null}"),
            Json("{\"decision\": \"approve\", \"by\": 5}"),
            Json("{\"decision\": \"approve\", \"comment\": {\"x\": 1}}"),
            (Encoding.UTF8.GetBytes("{\"status\": \"success\"}"), "application/yaml"),
            (Encoding.UTF8.GetBytes("{\"decision\": \"approve\"}"), "text/plain"),
            (Encoding.UTF8.GetBytes("{\"decision\": \"approve\"}"), "application/json; charset=latin1"),
        ]).ToList();

        foreach (var (bytes, mediaType) in bodies)
        {
            foreach (var path in paths)
            {
                var response = await client.PostAsync(path, Bodies.Raw(bytes, mediaType), Token);
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{path} answered {status} to {mediaType} {Preview(bytes)}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(stored, await StoredState.ReadAsync(factory, Token));
        Assert.Equal(tasks, (await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK)).GetRawText());
        Assert.Equal(history, (await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/history", Token), HttpStatusCode.OK)).GetRawText());

        // Both tokens still work: the first good body is accepted, not a duplicate.
        var called = await HttpAssert.JsonAsync(await client.PostAsync(callback, Bodies.Json("""{"status": "success", "result": {"vm": 7}}"""), Token), HttpStatusCode.OK);
        var decided = await HttpAssert.JsonAsync(await client.PostAsync(approve, Bodies.Json("""{"decision": "approve", "by": "ann"}"""), Token), HttpStatusCode.OK);
        Assert.False(called.GetProperty("duplicate").GetBoolean());
        Assert.False(decided.GetProperty("duplicate").GetBoolean());
        var done = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        Assert.Equal(7, done.GetProperty("output").GetProperty("job").GetProperty("vm").GetInt32());
        Assert.Equal(("approve", "ann"), (done.GetProperty("output").GetProperty("gate").GetProperty("decision").GetString(), done.GetProperty("output").GetProperty("gate").GetProperty("by").GetString()));
    }

    private static IEnumerable<(byte[] Bytes, string? MediaType)> MalformedBodies()
    {
        static (byte[], string?) Json(string text) => (Encoding.UTF8.GetBytes(text), "application/json");
        static (byte[], string?) Yaml(string text) => (Encoding.UTF8.GetBytes(text), "application/yaml");

        var valid = Bodies.Definition(Bodies.UniqueName("fuzz"));
        yield return Json("");
        yield return Json("   ");
        yield return Json("{");
        yield return Json(valid[..(valid.Length / 2)]);
        yield return Json("[1, 2, 3]");
        yield return Json("\"just a string\"");
        yield return Json("null");
        yield return Json("42");
        yield return Json("{\"name\": \"a\", \"name\": \"b\", \"flow\": {}}");
        yield return Json(new string('[', 10_000) + new string(']', 10_000));
        yield return Json(new string('{', 5_000));
        yield return Json("{\"name\": \"" + new string('x', 900_000) + "\"}");
        yield return ([0xC3, 0x28, 0xA0, 0xA1], "application/json");
        yield return ([0xFF, 0xFE, 0x00, 0x01], "application/yaml");
        yield return (Encoding.UTF8.GetBytes(valid), null);
        yield return (Encoding.UTF8.GetBytes(valid), "text/plain");
        yield return (Encoding.UTF8.GetBytes(valid), "application/json; charset=latin1");
        yield return (Encoding.UTF8.GetBytes(valid), "application/xml");
        yield return Yaml("name: [unclosed");
        yield return Yaml("a: 1\n---\nb: 2\n");
        yield return Yaml("? [complex, key]\n: value\n");
        yield return Yaml("name: a\nname: b\n");
        yield return Yaml("*unknown_alias");
        yield return Yaml(string.Concat(Enumerable.Repeat("- ", 3_000)) + "x");
        yield return Yaml(new string('[', 5_000));
        yield return Yaml(AliasBomb());
        yield return Yaml("\t\tname: tabs\n");
        yield return Yaml("name: !!binary AAAA\nflow: {type: linear, items: []}\n");

        foreach (var mutation in Mutations(valid))
        {
            yield return Json(mutation);
        }
    }

    /// <summary>The valid definition with every value, in turn, replaced by a value of the wrong kind.</summary>
    private static IEnumerable<string> Mutations(string valid)
    {
        JsonNode?[] replacements =
        [
            null, 0, -1, 1e300, true, "", "${", "${ctx.nope}", "bad name!", new string('y', 5_000),
            new JsonArray(), new JsonObject(), new JsonArray(null, 1, "x"), new JsonObject { ["task"] = null },
        ];
        var paths = Paths(JsonNode.Parse(valid)!, "").ToList();
        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var document = JsonNode.Parse(valid)!;
                Replace(document, path, replacement?.DeepClone());
                yield return document.ToJsonString();
            }
        }
    }

    private static IEnumerable<string> Paths(JsonNode node, string path)
    {
        if (path.Length > 0)
        {
            yield return path;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => (Key: p.Key, Child: p.Value)),
            JsonArray a => a.Select((v, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Child: v)),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            var childPath = path.Length == 0 ? key : $"{path}/{key}";
            if (child is null)
            {
                yield return childPath;
            }
            else
            {
                foreach (var p in Paths(child, childPath))
                {
                    yield return p;
                }
            }
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('/');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        }

        if (parent is JsonArray list)
        {
            list[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }

    private static string AliasBomb()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        return yaml.ToString();
    }

    private static string Preview(byte[] bytes) => Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200));
}

public sealed class SqliteMalformedRequestTests(SqliteApiFixture fixture) : MalformedRequestTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresMalformedRequestTests(PostgresApiFixture fixture) : MalformedRequestTests(fixture), IClassFixture<PostgresApiFixture>;
