using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WfaaS.Chaos.Service;

/// <summary>
/// One life of <c>src/Api</c> built in Release, run as its own process on 127.0.0.1; its output goes
/// to the run's service log (every life appended, with a header) and its last lines are kept for the report.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 30;

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _lastOutput = new();

    private ServiceProcess(Process process, Uri baseUrl, StreamWriter log)
    {
        _process = process;
        BaseUrl = baseUrl;
        _log = log;
    }

    public Uri BaseUrl { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string ApiDll(string repoRoot) =>
        Path.Combine(repoRoot, "src", "Api", "bin", "Release", "net10.0", "WfaaS.Api.dll");

    /// <summary><c>dotnet build -c Release src/Api</c>, bounded.</summary>
    public static async Task BuildAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repoRoot, "src", "Api", "WfaaS.Api.csproj");
        var start = new ProcessStartInfo("dotnet", ["build", "-c", "Release", project, "-nologo", "-v:q", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        using var process = Process.Start(start) ?? throw new ChaosFailure("dotnet build did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ChaosFailure($"dotnet build -c Release src/Api did not finish within {BuildTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            var output = string.Join('\n', ((await stdout) + (await stderr)).Split('\n').TakeLast(30));
            throw new ChaosFailure($"dotnet build -c Release src/Api failed (exit code {process.ExitCode}):\n{output}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the dll on <paramref name="port"/> and waits (bounded) until <c>/readyz</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string apiDll, int port, IReadOnlyDictionary<string, string> environment, string workingDirectory, StreamWriter log, string life,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(apiDll))
        {
            throw new ChaosFailure($"{apiDll} does not exist: build src/Api in Release (or drop --no-build).");
        }

        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        // The content root is the build output, so the service reads its own appsettings.json (log levels
        // included) while its working directory is the run's one.
        var contentRoot = Path.GetDirectoryName(Path.GetFullPath(apiDll))!;
        var start = new ProcessStartInfo("dotnet", [apiDll, "--urls", baseUrl.ToString(), "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        lock (log)
        {
            log.WriteLine($"===== {DateTimeOffset.UtcNow:O} {life}: starting on {baseUrl}");
        }

        var process = Process.Start(start) ?? throw new ChaosFailure("dotnet did not start the service.");
        var service = new ServiceProcess(process, baseUrl, log);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await service.KillAsync();
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>SIGKILL, and wait (bounded) until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new ChaosFailure($"The service (pid {Pid}) was still there 30 s after SIGKILL.");
        }
    }

    /// <summary>SIGTERM (a graceful stop) and wait up to <paramref name="grace"/>; true when it exited, false when it hung and was SIGKILLed.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        using var bound = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    public string LastOutput()
    {
        lock (_lastOutput)
        {
            return _lastOutput.Count == 0 ? string.Empty : "\nIts last output:\n  " + string.Join("\n  ", _lastOutput);
        }
    }

    /// <summary>SIGKILL if still running; the log stays open (it belongs to the run).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        // Let the output readers drain what the pipe still holds, so the log has the last lines.
        _process.WaitForExit(2000);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            while (_lastOutput.Count > KeptOutputLines)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new ChaosFailure($"The service exited (code {_process.ExitCode}) before it was ready.{LastOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new ChaosFailure($"The service did not answer 200 on /readyz within {ReadyTimeout.TotalSeconds} s.{LastOutput()}");
    }
}
