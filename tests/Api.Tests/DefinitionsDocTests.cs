using System.Net;
using System.Text.RegularExpressions;
using WfaaS.Api.Tests.TestHost;

namespace WfaaS.Api.Tests;

/// <summary>docs/definitions.md, the language reference: every YAML example in it is a whole definition the service accepts.</summary>
public sealed partial class DefinitionsDocTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Examples()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WfaaS.sln")))
        {
            directory = directory.Parent;
        }

        var text = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "definitions.md"));
        var data = new TheoryData<string>();
        foreach (Match block in YamlBlock().Matches(text))
        {
            data.Add(block.Groups["yaml"].Value);
        }

        return data;
    }

    [Fact]
    public void Examples_CoverTheLanguage()
    {
        var all = string.Join('\n', Examples().Select(row => row.Data));

        Assert.True(Examples().Count >= 10, $"only {Examples().Count} examples");
        foreach (var feature in new[] { "when:", "for_each:", "retry: {for_each:", "then: revert_all", "checkpoint:", "retention:", "repeat:", "after:", "heartbeat:", "revert:", "on_failure:" })
        {
            Assert.Contains(feature, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_Validates(string yaml)
    {
        var response = await fixture.Factory.CreateClient().PostAsync("/api/v1/workflows/validate", Bodies.Yaml(yaml), Token);

        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}\n{yaml}");
    }

    [GeneratedRegex("```yaml\n(?<yaml>.*?\n)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
