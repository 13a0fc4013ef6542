using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests.Endpoints;

/// <summary>
/// SPEC §7 against the bodies users copy: every prefix of every shipped example, cut at every byte,
/// is answered below 500 and changes nothing it does not report. A prefix may itself be a valid
/// definition (a YAML text cut at the end of a line): then /validate says so, /workflows answers
/// 201, and exactly the versions those 201s name are stored. One provider (SQLite): the sweep tests
/// the API's parsing, which does not depend on the database.
/// </summary>
public sealed class TruncatedExampleTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private WfaasApiFactory _factory = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WfaasApiFactory(_database);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void ShippedExamples_AreAllFound()
    {
        Assert.True(ShippedExamples.Definitions.Count(e => e.Source.StartsWith("README", StringComparison.Ordinal)) >= 4, "README definitions not found");
        Assert.True(ShippedExamples.Definitions.Count >= 9);
        Assert.True(ShippedExamples.StartBodies.Count >= 3);
        Assert.NotEmpty(ShippedExamples.CallbackBodies);
        Assert.NotEmpty(ShippedExamples.ApprovalBodies);
    }

    [Fact]
    public async Task EveryPrefixOfEveryShippedDefinition_AsJsonAndYaml_StoresOnlyTheVersionsIts201sName()
    {
        var client = _factory.CreateClient();
        var before = await DefinitionRowsAsync();
        var executions = await _factory.QueryAsync(db => db.Executions.CountAsync(Token));
        var created = new ConcurrentBag<(string Name, int Version)>();
        var sent = 0;

        // The examples side by side, each one's prefixes in order: a valid prefix races only for a version number.
        var sweeps = ShippedExamples.Definitions.SelectMany(e => e.InBothFormats());
        await Parallel.ForEachAsync(sweeps, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = Token }, async (example, cancellationToken) =>
        {
            var bytes = Encoding.UTF8.GetBytes(example.Text);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var body = bytes[..length];
                using var validate = await client.PostAsync("/api/v1/workflows/validate", Bodies.Raw(body, example.MediaType), cancellationToken);
                using var create = await client.PostAsync("/api/v1/workflows", Bodies.Raw(body, example.MediaType), cancellationToken);
                Interlocked.Add(ref sent, 2);
                var where = $"{example.Source} cut at byte {length} of {bytes.Length}";
                await AssertBelow500Async(validate, where);
                await AssertBelow500Async(create, where);
                if (validate.StatusCode == HttpStatusCode.OK)
                {
                    Assert.True(create.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{where}: valid, but /workflows answered {(int)create.StatusCode}");
                    var stored = JsonDocument.Parse(await create.Content.ReadAsStringAsync(cancellationToken)).RootElement;
                    created.Add((stored.GetProperty("name").GetString()!, stored.GetProperty("version").GetInt32()));
                }
                else
                {
                    Assert.True(validate.StatusCode == create.StatusCode, $"{where}: /validate answered {(int)validate.StatusCode}, /workflows {(int)create.StatusCode}");
                }

                if (length == bytes.Length)
                {
                    // The whole example is valid, but for the README's deliberately broken one.
                    Assert.True((validate.StatusCode == HttpStatusCode.OK) != example.Text.Contains("\"broken\"", StringComparison.Ordinal), $"{where}: {(int)validate.StatusCode}");
                }
            }
        });

        Assert.True(sent > 10_000, $"only {sent} requests");
        Assert.Equal(before.Union(created).Order(), await DefinitionRowsAsync());
        Assert.Equal(executions, await _factory.QueryAsync(db => db.Executions.CountAsync(Token)));
    }

    [Fact]
    public async Task EveryPrefixOfTheShippedStartCallbackAndApprovalBodies_IsA4xxThatChangesNothing()
    {
        var client = _factory.CreateClient();
        foreach (var definition in ShippedExamples.Definitions.Where(e => e.Source.StartsWith("README", StringComparison.Ordinal) && !e.Text.Contains("\"broken\"", StringComparison.Ordinal)))
        {
            var response = await client.PostAsync("/api/v1/workflows", Bodies.Raw(Encoding.UTF8.GetBytes(definition.Text), definition.MediaType), Token);
            Assert.True(response.IsSuccessStatusCode, $"{definition.Source}: {(int)response.StatusCode}");
        }

        foreach (var start in ShippedExamples.StartBodies)
        {
            await SweepAsync(client, "/api/v1/executions", start);
            await HttpAssert.JsonAsync(await client.PostAsync("/api/v1/executions", Bodies.Json(start), Token), HttpStatusCode.Created);
        }

        // The README's provision example: its boot task waits on the callback, then approve on the approval.
        var provision = ShippedExamples.StartBodies.Single(b => b.Contains("provision", StringComparison.Ordinal));
        var started = await HttpAssert.JsonAsync(await client.PostAsync("/api/v1/executions", Bodies.Json(provision), Token), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var callback = new Uri(started.GetProperty("waiting")[0].GetProperty("callback_url").GetString()!).AbsolutePath;
        foreach (var body in ShippedExamples.CallbackBodies)
        {
            await SweepAsync(client, callback, body);
        }

        await HttpAssert.JsonAsync(await client.PostAsync(callback, Bodies.Json(ShippedExamples.CallbackBodies[0]), Token), HttpStatusCode.OK);
        var pending = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/approvals?state=pending", Token), HttpStatusCode.OK);
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id);
        // SPEC §3.4.1: with approvers, each has a link of their own.
        var approve = new Uri((item.GetProperty("approve_url").GetString() ?? item.GetProperty("approve_urls").EnumerateObject().First().Value.GetString())!).AbsolutePath;
        foreach (var body in ShippedExamples.ApprovalBodies)
        {
            await SweepAsync(client, approve, body);
        }

        await HttpAssert.JsonAsync(await client.PostAsync(approve, Bodies.Json(ShippedExamples.ApprovalBodies[0]), Token), HttpStatusCode.OK);
        var execution = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("settle", Assert.Single(execution.GetProperty("waiting").EnumerateArray()).GetProperty("task").GetString());
    }

    /// <summary>Posts every strict prefix of <paramref name="body"/>: each a 4xx problem, and the stored state as it was.</summary>
    private async Task SweepAsync(HttpClient client, string path, string body)
    {
        var before = await StoredState.ReadAsync(_factory, Token);
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var length = 0; length < bytes.Length; length++)
        {
            using var response = await client.PostAsync(path, Bodies.Raw(bytes[..length], "application/json"), Token);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{path} answered {status} to {Encoding.UTF8.GetString(bytes, 0, length)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await StoredState.ReadAsync(_factory, Token));
    }

    private static async Task AssertBelow500Async(HttpResponseMessage response, string where)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{where}: {status} {await response.Content.ReadAsStringAsync(Token)}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<List<(string Name, int Version)>> DefinitionRowsAsync() =>
        [.. (await _factory.QueryAsync(db => db.WorkflowDefinitions.Select(d => new { d.Name, d.Version }).ToListAsync(Token)))
            .Select(d => (d.Name, d.Version)).Order()];
}
