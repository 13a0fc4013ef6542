using Microsoft.Extensions.Time.Testing;
using WfaaS.Storage.Definitions;

namespace WfaaS.Storage.Tests.Definitions;

/// <summary>The latest version by name, as one process sees it: its own posts at once, another instance's within a second.</summary>
public sealed class LatestDefinitionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Find_Unknown_IsNull() => Assert.Null(new LatestDefinitions(_time).Find("x"));

    [Fact]
    public void Find_AfterSaw_IsThatVersionUntilItGoesStale()
    {
        var latest = new LatestDefinitions(_time);
        latest.Saw(new DefinitionRef(7, "x", 2));

        Assert.Equal(new DefinitionRef(7, "x", 2), latest.Find("x"));
        _time.Advance(LatestDefinitions.Freshness);
        Assert.Null(latest.Find("x"));
    }

    [Fact]
    public void Saw_AnOlderVersionWhileANewerIsFresh_KeepsTheNewer()
    {
        var latest = new LatestDefinitions(_time);
        latest.Saw(new DefinitionRef(8, "x", 3));

        latest.Saw(new DefinitionRef(7, "x", 2));

        Assert.Equal(3, latest.Find("x")!.Version);
    }

    [Fact]
    public void Forget_RemovesTheName()
    {
        var latest = new LatestDefinitions(_time);
        latest.Saw(new DefinitionRef(7, "x", 2));

        latest.Forget("x");

        Assert.Null(latest.Find("x"));
    }
}
