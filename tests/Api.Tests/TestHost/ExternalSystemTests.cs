namespace WfaaS.Api.Tests.TestHost;

/// <summary>Tests against the service on one provider, with a fake external system on a loopback port for each test.</summary>
public abstract class ExternalSystemTests(ApiFixture fixture) : IAsyncLifetime
{
    protected FakeExternalSystem External { get; private set; } = null!;

    protected WfaasApiFactory Factory => fixture.Factory;

    protected HttpClient Client => Factory.CreateClient();

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => External = await FakeExternalSystem.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await External.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
