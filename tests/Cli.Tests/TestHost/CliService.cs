using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WfaaS.TestKit;

namespace WfaaS.Cli.Tests.TestHost;

/// <summary>
/// The real service on a real Kestrel loopback port and a real SQLite file, with the real clock:
/// the CLI reaches it over TCP exactly as it would reach a deployed one.
/// </summary>
public sealed class CliService : WebApplicationFactory<global::Program>, IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly int _port = FreePort();

    /// <summary>Configuration beyond the database's (API keys).</summary>
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CliService()
        : this(new Dictionary<string, string?>())
    {
    }

    private CliService(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(_port);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{_port}");

    /// <summary>A service that wants an API key on every <c>/api/v1</c> endpoint but callbacks and approvals (SPEC §8).</summary>
    public static CliService WithApiKeys(params (string Key, string Role)[] keys) => new(keys
        .SelectMany((k, i) => new[] { ($"Auth:ApiKeys:{i}:Key", k.Key), ($"Auth:ApiKeys:{i}:Role", k.Role) })
        .ToDictionary(p => p.Item1, p => (string?)p.Item2));

    /// <summary>A client of the API itself, to compare the CLI's output with and to check what was stored.</summary>
    public HttpClient Api(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _database.Settings.Concat(_settings))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("urls", BaseUrl.ToString());
        builder.UseSetting("PublicBaseUrl", BaseUrl.ToString());
        builder.UseSetting("Scheduler:WorkerCount", "2");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
