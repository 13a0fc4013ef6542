using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WfaaS.Api.Tests.TestHost;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>The built service as a real process on a real Kestrel port, for tests that kill it.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public HttpClient Client() => new() { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<ServiceProcess> StartAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var dll = ApiDll();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl.ToString(), "--contentRoot", Path.GetDirectoryName(dll)!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Storage__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Wfaas"] = database.ConnectionString;
        start.Environment["Tokens__Secret"] = TestDatabase.TestSecret;
        start.Environment["Scheduler__TimerSweepInterval"] = "00:00:01";
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, baseUrl);
        await service.WaitUntilHealthyAsync(cancellationToken);
        return service;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as a crash would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Polls GET until the execution is in <paramref name="state"/>: the service is another process
    /// running in real time, so there is no commit to watch and no clock to move. Bounded by a
    /// deadline on a <see cref="CancellationTokenSource"/>.
    /// </summary>
    public static async Task<JsonElement> WaitForStateAsync(HttpClient client, string id, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Patience);
        var execution = default(JsonElement);
        try
        {
            while (true)
            {
                execution = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/executions/{id}", deadline.Token), HttpStatusCode.OK);
                if (execution.GetProperty("state").GetString() == state)
                {
                    return execution;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Execution {id} is not {state} after {Patience.TotalSeconds} s: {execution}");
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = Client();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The service exited with code {_process.ExitCode}.");
                }

                try
                {
                    if ((await client.GetAsync("/readyz", deadline.Token)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The service did not become ready within 60 s.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Api's own build output, in the configuration the tests were built in.</summary>
    private static string ApiDll()
    {
        var testBin = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WfaaS.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("WfaaS.sln not found."), "src", "Api", "bin", configuration, "net10.0", "WfaaS.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Api first.", dll);
    }
}
