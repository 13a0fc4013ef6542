using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WfaaS.TestKit;

namespace WfaaS.Api.Tests;

/// <summary>The built service as a real process on a real Kestrel port, for tests that kill it.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
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

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync("/readyz", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("The service did not become ready.");
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
