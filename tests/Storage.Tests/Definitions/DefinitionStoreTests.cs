using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WfaaS.Storage.Definitions;

namespace WfaaS.Storage.Tests.Definitions;

/// <summary>The same storage behaviour on every provider (one class, two providers).</summary>
public abstract class DefinitionStoreTests(StorageFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_NewName_StoresVersion1WithTextAndTime()
    {
        var name = UniqueName();

        var saved = await SaveAsync(name, "text-1");

        Assert.True(saved.Created);
        Assert.Equal(1, saved.Definition.Version);
        Assert.Equal(fixture.Time.GetUtcNow(), saved.Definition.CreatedAt);
        var found = await WithStoreAsync(store => store.FindAsync(name, 1, Token));
        Assert.Equal("text-1", found?.Text);
        Assert.Equal("{\"v\":\"text-1\"}", found?.DefinitionJson);
        Assert.Equal(fixture.Time.GetUtcNow(), found?.CreatedAt);
    }

    [Fact]
    public async Task Save_SameText_ReturnsLatestWithoutNewVersion()
    {
        var name = UniqueName();
        await SaveAsync(name, "same");

        var again = await SaveAsync(name, "same");

        Assert.False(again.Created);
        Assert.Equal(1, again.Definition.Version);
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task Save_ChangedText_AddsNextVersionAndKeepsOlder()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");

        var second = await SaveAsync(name, "two");

        Assert.Equal(2, second.Definition.Version);
        Assert.Equal("two", (await WithStoreAsync(store => store.FindLatestAsync(name, Token)))?.Text);
        Assert.Equal("one", (await WithStoreAsync(store => store.FindAsync(name, 1, Token)))?.Text);
    }

    [Fact]
    public async Task Save_RevertedToOlderText_IsANewVersion()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        await SaveAsync(name, "two");

        var third = await SaveAsync(name, "one");

        Assert.True(third.Created);
        Assert.Equal(3, third.Definition.Version);
    }

    [Fact]
    public async Task List_GroupsVersionsByName()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await SaveAsync(name, "two");

        var list = await WithStoreAsync(store => store.ListAsync(Token));

        var summary = Assert.Single(list, s => s.Name == name);
        Assert.Equal(2, summary.LatestVersion);
        Assert.True(summary.UpdatedAt > summary.CreatedAt);
    }

    [Fact]
    public async Task Delete_RemovesEveryVersion_ThenReportsNothingToDelete()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        await SaveAsync(name, "two");

        Assert.True(await WithStoreAsync(store => store.DeleteAsync(name, Token)));

        Assert.Null(await WithStoreAsync(store => store.FindLatestAsync(name, Token)));
        Assert.Null(await WithStoreAsync(store => store.FindAsync(name, 1, Token)));
        Assert.Null(await WithStoreAsync(store => store.FindRefAsync(name, version: null, Token)));
        Assert.Null(await WithStoreAsync(store => store.FindRefAsync(name, 2, Token)));
        Assert.DoesNotContain(await WithStoreAsync(store => store.ListAsync(Token)), s => s.Name == name);
        Assert.False(await WithStoreAsync(store => store.DeleteAsync(name, Token)));
    }

    [Fact]
    public async Task Delete_KeepsTombstonesWithTheDeletionTime()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        await WithStoreAsync(store => store.DeleteAsync(name, Token));

        Assert.Equal(1, await CountAsync(name));
        Assert.Equal(fixture.Time.GetUtcNow(), await WithStoreAsync(store => store.DeletedAtAsync(name, 1, Token)));
        Assert.Equal(fixture.Time.GetUtcNow(), await WithStoreAsync(store => store.DeletedAtAsync(name, version: null, Token)));
        Assert.Null(await WithStoreAsync(store => store.DeletedAtAsync(name, 2, Token)));
        Assert.Null(await WithStoreAsync(store => store.DeletedAtAsync(UniqueName(), version: null, Token)));
    }

    [Fact]
    public async Task Save_AfterDelete_ContinuesAfterTheHighestVersionEverStored()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        var two = await SaveAsync(name, "two");
        await WithStoreAsync(store => store.DeleteAsync(name, Token));

        var again = await SaveAsync(name, "two");

        Assert.True(again.Created);
        Assert.Equal(3, again.Definition.Version);
        Assert.Null(await WithStoreAsync(store => store.FindAsync(name, 2, Token)));
        Assert.Equal(3, (await WithStoreAsync(store => store.FindRefAsync(name, version: null, Token)))?.Version);
        Assert.Null(await WithStoreAsync(store => store.DeletedAtAsync(name, version: null, Token)));
        var summary = Assert.Single(await WithStoreAsync(store => store.ListAsync(Token)), s => s.Name == name);
        Assert.Equal(3, summary.LatestVersion);

        // An execution that ran version 2 still finds that text by its row (PlanAsync reads it by id).
        await using var scope = fixture.CreateScope();
        var reads = scope.ServiceProvider.GetRequiredService<HotReads>();
        var db = scope.ServiceProvider.GetRequiredService<WfaasDbContext>();
        Assert.Equal("{\"v\":\"two\"}", await reads.DefinitionJsonAsync(db, two.Definition.Id, Token));
    }

    [Fact]
    public async Task Save_AfterDeletingTwice_NeverReusesANumber()
    {
        var name = UniqueName();
        await SaveAsync(name, "one");
        await WithStoreAsync(store => store.DeleteAsync(name, Token));
        await SaveAsync(name, "one");
        await WithStoreAsync(store => store.DeleteAsync(name, Token));

        var third = await SaveAsync(name, "one");

        Assert.Equal(3, third.Definition.Version);
        Assert.Equal(3, await CountAsync(name));
    }

    [Fact]
    public async Task Save_ConcurrentChangedTexts_EachGetsItsOwnVersion()
    {
        var name = UniqueName();

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SaveAsync(name, $"text-{i}")));

        Assert.Equal(Enumerable.Range(1, 6), saved.Select(s => s.Definition.Version).Order());
        Assert.Equal(6, await CountAsync(name));
    }

    private static string UniqueName() => $"store-{Guid.NewGuid():N}"[..24];

    private Task<SavedDefinition> SaveAsync(string name, string text) =>
        WithStoreAsync(store => store.SaveAsync(new NewDefinition(name, text, "application/json", $"{{\"v\":\"{text}\"}}"), Token));

    private async Task<T> WithStoreAsync<T>(Func<DefinitionStore, Task<T>> action)
    {
        await using var scope = fixture.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<DefinitionStore>());
    }

    private async Task<int> CountAsync(string name)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WfaasDbContext>().WorkflowDefinitions.CountAsync(d => d.Name == name, Token);
    }
}

public sealed class SqliteDefinitionStoreTests(SqliteStorageFixture fixture) : DefinitionStoreTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class PostgresDefinitionStoreTests(PostgresStorageFixture fixture) : DefinitionStoreTests(fixture), IClassFixture<PostgresStorageFixture>;
