using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using WfaaS.Api.Tests.TestHost;
using static WfaaS.Api.Tests.TestHost.Executions;

namespace WfaaS.Api.Tests.Pages;

/// <summary>SPEC §11 approval page and pages' headers, on every provider: a GET never decides, the form needs its antiforgery token, bad input changes nothing.</summary>
public abstract partial class ApprovalPageTests(ApiFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Api => fixture.Factory.CreateClient();

    /// <summary>A browser: keeps cookies, does not follow redirects (so a test sees the 303).</summary>
    private HttpClient Browser() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Page_GetShowsWithoutDecidingThenTheFormDecidesAndTheLinkSaysByWhomAndWhen()
    {
        var (id, links) = await StartAsync(["ann", "bob"], quorum: 1);
        var browser = Browser();

        var page = await GetPageAsync(browser, links["ann"], HttpStatusCode.OK);
        var again = await GetPageAsync(browser, links["ann"], HttpStatusCode.OK);
        var stillWaiting = await HttpAssert.JsonAsync(await Api.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);

        Assert.Contains("Ship vm-3?", page, StringComparison.Ordinal);
        Assert.Contains("vm-3", again, StringComparison.Ordinal);
        Assert.Contains("You decide as <strong>ann</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("RUNNING", stillWaiting.GetProperty("state").GetString());

        var posted = await PostFormAsync(browser, links["ann"], page, "approve", "fine by me");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(links["ann"], posted.Headers.Location?.OriginalString);
        var decided = await GetPageAsync(browser, links["ann"], HttpStatusCode.OK);
        var done = await HttpAssert.JsonAsync(await Api.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);

        Assert.Equal("SUCCESS", done.GetProperty("state").GetString());
        Assert.Equal(("ann", "fine by me"), (done.GetProperty("output").GetProperty("approval").GetProperty("by").GetString(), done.GetProperty("output").GetProperty("approval").GetProperty("comment").GetString()));
        Assert.Matches("<strong>Approved</strong> by ann at <time datetime=\"2026-11-24T08:00:00Z\">", decided);
        Assert.DoesNotContain("<form class=\"decide\"", decided, StringComparison.Ordinal);
        var other = await GetPageAsync(browser, links["bob"], HttpStatusCode.Gone);
        Assert.Contains("enough approvers have approved", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PostWithoutAntiforgeryReplayedOrOnADecidedLink_ClearPageAndNothingChanges()
    {
        var (id, links) = await StartAsync(["ann", "bob"], quorum: 2);
        var browser = Browser();
        var page = await GetPageAsync(browser, links["ann"], HttpStatusCode.OK);

        var forged = await Browser().PostAsync(FormPath(links["ann"]), new FormUrlEncodedContent([new("decision", "approve")]), Token);
        var wrongToken = await browser.PostAsync(FormPath(links["ann"]), new FormUrlEncodedContent([new("decision", "approve"), new("__antiforgery", "forged")]), Token);
        var historyBefore = (await fixture.Factory.StoredHistoryAsync(id)).Count;

        await AssertPageAsync(forged, HttpStatusCode.BadRequest, "Nothing was decided");
        await AssertPageAsync(wrongToken, HttpStatusCode.BadRequest, "Nothing was decided");
        Assert.Empty(await TokenStatesAsync(id));   // a live token has no row; nothing was accepted

        Assert.Equal(HttpStatusCode.SeeOther, (await PostFormAsync(browser, links["ann"], page, "approve", "ok")).StatusCode);
        var replayed = await PostFormAsync(browser, links["ann"], page, "approve", "ok");
        var changed = await PostFormAsync(browser, links["ann"], page, "reject", "no");
        var bobForm = await GetPageAsync(browser, links["bob"], HttpStatusCode.OK);
        var historyAfter = (await fixture.Factory.StoredHistoryAsync(id)).Count;

        await AssertPageAsync(replayed, HttpStatusCode.OK, "This form was sent before");
        await AssertPageAsync(changed, HttpStatusCode.Conflict, "already been used to decide");
        Assert.Equal(historyBefore + 1, historyAfter);   // the one WAITING -> WAITING vote
        Assert.Contains("<td>ann</td><td>approve</td><td>ok</td>", bobForm, StringComparison.Ordinal);

        await HttpAssert.JsonAsync(await Api.PostAsync(links["bob"], Bodies.Json("""{"decision": "reject"}"""), Token), HttpStatusCode.OK);
        var late = await PostFormAsync(browser, links["bob"], bobForm, "approve", null);
        await AssertPageAsync(late, HttpStatusCode.Conflict, "Nothing changed");
        var done = await HttpAssert.JsonAsync(await Api.GetAsync($"/api/v1/executions/{id}", Token), HttpStatusCode.OK);
        Assert.Equal("REVERTED", done.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Page_UnknownCancelledAndMalformed_PlainPagesWithTheirStatus()
    {
        var (id, links) = await StartAsync([], quorum: null);
        var browser = Browser();
        var page = await GetPageAsync(browser, links[""], HttpStatusCode.OK);
        Assert.Contains("name=\"name\"", page, StringComparison.Ordinal);   // without approvers, the person gives a name

        await AssertPageAsync(await browser.GetAsync("/api/v1/approvals/not-a-token", Token), HttpStatusCode.NotFound, "Unknown approval link");
        await AssertPageAsync(await PostFormAsync(browser, links[""], page, "maybe", null), HttpStatusCode.BadRequest, "Nothing was decided");
        await AssertPageAsync(await PostFormAsync(browser, links[""], page, "approve", new string('x', 2001)), HttpStatusCode.BadRequest, "Nothing was decided");
        await AssertPageAsync(await browser.PostAsync(FormPath(links[""]), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Token), HttpStatusCode.BadRequest, "Nothing was decided");
        await HttpAssert.JsonAsync(await Api.PostAsync($"/api/v1/executions/{id}/cancel", null, Token), HttpStatusCode.OK);

        await AssertPageAsync(await browser.GetAsync(links[""], Token), HttpStatusCode.Gone, "the execution was cancelled");
        await AssertPageAsync(await PostFormAsync(browser, links[""], page, "approve", null), HttpStatusCode.Gone, "no longer open");
        Assert.Empty(await TokenStatesAsync(id));   // gone with its task: no row was ever written
    }

    [Fact]
    public async Task Pages_CarryTheSecurityHeaders()
    {
        var (id, links) = await StartAsync(["ann"], quorum: 1);
        var browser = Browser();

        foreach (var path in new[] { links["ann"], "/api/v1/approvals/unknown", $"/ui/executions/{id}", "/ui/executions", "/ui/approvals", $"/ui/executions/{Guid.NewGuid()}" })
        {
            var response = await browser.GetAsync(path, Token);
            Assert.True((int)response.StatusCode < 500, path);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        var css = await browser.GetAsync("/ui/site.css", Token);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(string Id, Dictionary<string, string> Links)> StartAsync(string[] approvers, int? quorum)
    {
        var extra = approvers.Length == 0 ? string.Empty : $", \"approvers\": [{string.Join(", ", approvers.Select(a => $"\"{a}\""))}], \"quorum\": {quorum}";
        var name = await PostDefinitionAsync(Api, $$$"""
            {"name": "{{{Bodies.UniqueName()}}}", "input": ["vm"], "flow": {"type": "linear", "items": [
              {"task": "ok", "action": "approval", "input": {"prompt": "Ship ${vm}?"{{{extra}}}}, "timeout": "P1D", "provides": "approval"}
            ]}}
            """, Token);
        var id = (await Executions.StartAsync(Api, name, """{"vm": "vm-3"}""", Token)).GetProperty("id").GetString()!;
        var pending = await HttpAssert.JsonAsync(await Api.GetAsync("/api/v1/approvals", Token), HttpStatusCode.OK);
        var item = pending.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("execution_id").GetString() == id);
        var links = item.GetProperty("approve_url").GetString() is { } one
            ? new Dictionary<string, string> { [""] = new Uri(one).AbsolutePath }
            : item.GetProperty("approve_urls").EnumerateObject().ToDictionary(p => p.Name, p => new Uri(p.Value.GetString()!).AbsolutePath);
        return (id, links);
    }

    private static async Task<string> GetPageAsync(HttpClient browser, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await browser.SendAsync(request, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string link, string page, string decision, string? comment)
    {
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        return browser.PostAsync(FormPath(link), new FormUrlEncodedContent(
            [new("__antiforgery", antiforgery), new("decision", decision), new("comment", comment ?? string.Empty)]), Token);
    }

    private static string FormPath(string link) => "/ui/approvals/" + link[(link.LastIndexOf('/') + 1)..];

    private static async Task AssertPageAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(text, body, StringComparison.Ordinal);
    }

    private Task<List<string>> TokenStatesAsync(string id) =>
        fixture.Factory.QueryAsync(db => db.Tokens.Where(t => t.ExecutionId == Guid.Parse(id)).OrderBy(t => t.Approver).Select(t => t.State).ToListAsync(Token));

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteApprovalPageTests(SqliteApiFixture fixture) : ApprovalPageTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class PostgresApprovalPageTests(PostgresApiFixture fixture) : ApprovalPageTests(fixture), IClassFixture<PostgresApiFixture>;
