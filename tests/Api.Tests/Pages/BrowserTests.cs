using System.Net;
using Microsoft.Playwright;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Pages;

/// <summary>
/// SPEC §11 in a real browser: Debian's chromium (never a downloaded one) driven by Playwright
/// against the service as a real process on a loopback Kestrel port. Screenshots are kept as test
/// artifacts in <c>playwright-artifacts/</c> beside the test assembly.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly SqliteTestDatabase _database = new();
    private ServiceProcess? _service;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "playwright-artifacts");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        Directory.CreateDirectory(Artifacts);
        _service = await ServiceProcess.StartAsync(_database, Token);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ApprovalLink_ClickApprove_ExecutionMovesOnAndTheLinkShowsTheDecision()
    {
        var (browser, client) = Ready();
        var name = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "input": ["image"], "flow": {"type": "linear", "items": [
              {"task": "reserve", "action": "echo", "input": {"value": "r-1"}, "provides": "reservation"},
              {"checkpoint": "reserved"},
              {"task": "approve", "action": "approval", "input": {"prompt": "Boot ${image} on ${reservation}?", "approvers": ["ann", "bob"], "quorum": 1}, "timeout": "P2D", "provides": "approval"},
              {"task": "boot", "action": "echo", "input": {"value": "${approval.by}"}, "provides": "booted"}
            ]}}
            """, Token);
        var id = (await StartAsync(client, name, """{"image": "debian-13"}""", Token)).GetProperty("id").GetString()!;
        var pending = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/approvals", Token), HttpStatusCode.OK);
        var link = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id)
            .GetProperty("approve_urls").GetProperty("ann").GetString()!;

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 820 } });
        var shown = await page.GotoAsync(link);
        Assert.Equal(200, shown!.Status);
        Assert.Equal("Boot debian-13 on r-1?", await page.Locator("p.prompt").InnerTextAsync());
        Assert.Equal("RUNNING", (await ServiceProcess.WaitForStateAsync(client, id, "RUNNING", Token)).GetProperty("state").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "approval-page.png"), FullPage = true });

        await page.Locator("textarea[name=comment]").FillAsync("Capacity is reserved, go ahead.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Approve" }).ClickAsync();
        await page.Locator("p.decided").WaitForAsync();

        Assert.StartsWith("Approved by ann at ", await page.Locator("p.decided").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(link, page.Url);
        var done = await ServiceProcess.WaitForStateAsync(client, id, "SUCCESS", Token);
        Assert.Equal("ann", done.GetProperty("output").GetProperty("booted").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "approval-decided.png"), FullPage = true });

        var later = await browser.NewPageAsync();
        await later.GotoAsync(link);
        Assert.Contains("Approved by ann", await later.Locator("p.decided").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await later.Locator("form.decide").CountAsync());
        var other = await later.GotoAsync(link[..(link.LastIndexOf('/') + 1)] + "no-such-token");
        Assert.Equal(404, other!.Status);

        await later.GotoAsync($"{_service!.BaseUrl}ui/executions/{id}");
        Assert.Equal("SUCCESS", await later.Locator("svg g[data-task=boot]").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task ExecutionPage_OfAFailedRevertedFlow_EachTasksStateReadsFromTheSvg()
    {
        var (browser, client) = Ready();
        var name = await PostDefinitionAsync(client, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "flow": {"type": "linear", "items": [
              {"task": "reserve", "action": "noop", "revert": {"action": "noop"}},
              {"checkpoint": "reserved"},
              {"flow": {"name": "prepare", "type": "unordered", "items": [
                {"task": "network", "action": "noop", "revert": {"action": "noop"}},
                {"task": "disk", "action": "noop"},
                {"task": "gpu", "action": "noop", "when": "false"}]}},
              {"task": "boot", "action": "fail", "input": {"message": "no capacity", "type": "CapacityError"}}
            ]}}
            """, Token);
        var id = (await StartAsync(client, name, "{}", Token)).GetProperty("id").GetString()!;
        await ServiceProcess.WaitForStateAsync(client, id, "REVERTED", Token);
        var tasks = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}/tasks", Token), HttpStatusCode.OK);

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var response = await page.GotoAsync($"{_service!.BaseUrl}ui/executions/{id}");
        Assert.Equal(200, response!.Status);
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "execution-page.png"), FullPage = true });

        var nodes = page.Locator("svg g[data-task]");
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < await nodes.CountAsync(); i++)
        {
            var node = nodes.Nth(i);
            var task = (await node.GetAttributeAsync("data-task"))!;
            seen[task] = (await node.GetAttributeAsync("data-state"))!;
            Assert.Equal($"{task}: {seen[task]}", await node.Locator("title").TextContentAsync());
        }

        var expected = tasks.GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("state").GetString()!);
        Assert.Equal(expected.OrderBy(p => p.Key), seen.OrderBy(p => p.Key));
        Assert.Equal(("REVERTED", "REVERTED", "SKIPPED"), (seen["reserve"], seen["boot"], seen["gpu"]));
        Assert.Equal("REVERTED", await page.Locator("h1 [data-execution-state]").GetAttributeAsync("data-execution-state"));
        Assert.Equal(0, await page.Locator("meta[http-equiv=refresh]").CountAsync());   // finished: no refresh
        Assert.Contains("CapacityError", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
    }

    private (IBrowser Browser, HttpClient Client) Ready()
    {
        // Under CI a skipped test fails the run (.ci/run installs chromium); locally, no chromium skips.
        Assert.SkipWhen(_browser is null && Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is not installed (apt-get install chromium).");
        Assert.NotNull(_browser);
        return (_browser, _service!.Client());
    }
}
