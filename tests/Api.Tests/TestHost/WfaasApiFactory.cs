using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WfaaS.Storage;
using WfaaS.Storage.Executions;
using WfaaS.Storage.Sql;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests.TestHost;

/// <summary>The real service in memory, on a real database of one provider.</summary>
public sealed class WfaasApiFactory(
    TestDatabase database,
    IReadOnlyDictionary<string, string?>? settings = null,
    DateTimeOffset? clockStart = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultClockStart = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public TestDatabase Database => database;

    public FakeTimeProvider Time { get; } = new(clockStart ?? DefaultClockStart);

    /// <summary>Every step this service commits, to await a state without polling.</summary>
    public CommitWatcher Commits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in database.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Scheduler:WorkerCount", "2");
        builder.ConfigureServices(collection =>
        {
            collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            services?.Invoke(collection);

            var dispatcher = collection.Last(d => d.ServiceType == typeof(ICommitDispatcher));
            collection.Remove(dispatcher);
            collection.AddSingleton(provider => Commits.Wrap(
                (ICommitDispatcher)(dispatcher.ImplementationInstance
                    ?? dispatcher.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, dispatcher.ImplementationType!))));

            // Every write, so a test can wait for one that follows a commit (a history compaction).
            var writer = collection.Last(d => d.ServiceType == typeof(IStepWriter));
            collection.Remove(writer);
            collection.Add(new ServiceDescriptor(typeof(IStepWriter), provider => Commits.Wrap(
                (IStepWriter)(writer.ImplementationInstance
                    ?? writer.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, writer.ImplementationType!))), writer.Lifetime));
        });
    }

    /// <summary>Runs <paramref name="query"/> against the stored state, as the service sees it.</summary>
    public async Task<T> QueryAsync<T>(Func<WfaasDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WfaasDbContext>());
    }

    /// <summary>Every stored history entry of execution <paramref name="id"/>, read from its rows.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> StoredHistoryAsync(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ExecutionReader>().HistoryAsync(Guid.Parse(id), 0, int.MaxValue - 1, CancellationToken.None);
        return page?.Items ?? [];
    }
}
