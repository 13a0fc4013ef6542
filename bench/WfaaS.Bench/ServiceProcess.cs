using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WfaaS.Bench;

/// <summary>
/// src/Api built in Release and run as its own process on a real Kestrel port on 127.0.0.1;
/// its resident memory is read from /proc.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Queue<string> _lastOutput = new();

    private ServiceProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Pid => _process.Id;

    public static string ApiDll(string repoRoot) =>
        Path.Combine(repoRoot, "src", "Api", "bin", "Release", "net10.0", "WfaaS.Api.dll");

    /// <summary>The service floor (bench/WfaaS.ServiceFloor) built in Release.</summary>
    public static string ServiceFloorDll(string repoRoot) =>
        Path.Combine(repoRoot, "bench", "WfaaS.ServiceFloor", "bin", "Release", "net10.0", "WfaaS.ServiceFloor.dll");

    /// <summary><c>dotnet build -c Release src/Api</c>; returns how long it took.</summary>
    public static Task<TimeSpan> BuildAsync(string repoRoot, CancellationToken cancellationToken) =>
        BuildAsync(repoRoot, Path.Combine("src", "Api", "WfaaS.Api.csproj"), cancellationToken);

    /// <summary><c>dotnet build -c Release</c> of <paramref name="relativeProject"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> BuildAsync(string repoRoot, string relativeProject, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repoRoot, relativeProject);
        var start = new ProcessStartInfo("dotnet", ["build", "-c", "Release", project, "-nologo", "-v:q", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchFailure("dotnet build did not start.");
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
            throw new BenchFailure($"dotnet build -c Release {relativeProject} did not finish within {BuildTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            var output = string.Join('\n', ((await stdout) + (await stderr)).Split('\n').TakeLast(30));
            throw new BenchFailure($"dotnet build -c Release {relativeProject} failed (exit code {process.ExitCode}):\n{output}");
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// What every WfaaS service of a run is started with besides <paramref name="database"/>'s provider
    /// and connection string: a random token secret, and loopback allowed for <c>http</c> tasks (the
    /// http workload's endpoint is on 127.0.0.1, which the host guard refuses by default).
    /// </summary>
    public static Dictionary<string, string> WfaasEnvironment(Databases.BenchDatabase database) =>
        new(database.ServiceEnvironment, StringComparer.Ordinal)
        {
            ["Tokens__Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Actions__Http__AllowedHosts__0"] = "127.0.0.1",
        };

    /// <summary>Starts the dll with <paramref name="environment"/> and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string apiDll, IReadOnlyDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(apiDll))
        {
            throw new BenchFailure($"{apiDll} does not exist: build src/Api in Release (or drop --no-build).");
        }

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        // The content root is the build output, so the service reads its own appsettings.json (log levels
        // included) while its working directory is the run's temporary one.
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

        var process = Process.Start(start) ?? throw new BenchFailure("dotnet did not start the service.");
        var service = new ServiceProcess(process, baseUrl);
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
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>VmRSS of the service process, in bytes.</summary>
    public long RssBytes()
    {
        if (_process.HasExited)
        {
            throw new BenchFailure($"The service exited (code {_process.ExitCode}).{LastOutput()}");
        }

        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new BenchFailure("/proc/<pid>/status has no VmRSS line.");
    }

    /// <summary>CPU time the service process has used so far (user + system, as /proc/&lt;pid&gt;/stat counts it).</summary>
    public TimeSpan CpuTime()
    {
        EnsureRunning();
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Fails with the service's last output lines when it has exited.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new BenchFailure($"The service exited (code {_process.ExitCode}).{LastOutput()}");
        }
    }

    public string LastOutput()
    {
        lock (_lastOutput)
        {
            return _lastOutput.Count == 0 ? string.Empty : "\nIts last output:\n  " + string.Join("\n  ", _lastOutput);
        }
    }

    /// <summary>SIGTERM (a graceful stop), then SIGKILL if it is still there after ten seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]));
                if (kill is not null)
                {
                    await kill.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
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
            EnsureRunning();
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

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchFailure($"The service did not answer 200 on /readyz within {ReadyTimeout.TotalSeconds} s.{LastOutput()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
