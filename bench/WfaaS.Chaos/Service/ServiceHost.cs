using System.Diagnostics;

namespace WfaaS.Chaos.Service;

/// <summary>
/// The service across its lives: started on one database and one port (a new port only if the old
/// one cannot be bound again), killed, started again. Callback and approval URLs keep working across
/// lives because <c>Tokens__Secret</c> is fixed for the run and the harness sends every capability
/// URL's path to the current address.
/// </summary>
internal sealed class ServiceHost(string apiDll, IReadOnlyDictionary<string, string> environment, string workingDirectory, StreamWriter log)
    : IAsyncDisposable
{
    private const int StartTries = 3;

    private ServiceProcess? _current;
    private int _port = ServiceProcess.FreePort();
    private int _lives;
    private Stopwatch _up = new();

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public int Lives => _lives;

    /// <summary>How long the current life has been ready.</summary>
    public TimeSpan Uptime => _up.Elapsed;

    public bool HasExited => _current?.HasExited ?? true;

    public string LastOutput() => _current?.LastOutput() ?? string.Empty;

    /// <summary>Starts a new life and waits until it is ready; a <see cref="ChaosFailure"/> after <see cref="StartTries"/> failed tries.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ChaosFailure? last = null;
        for (var attempt = 1; attempt <= StartTries; attempt++)
        {
            _lives++;
            try
            {
                _current = await ServiceProcess.StartAsync(apiDll, _port, environment, workingDirectory, log, $"life {_lives}", cancellationToken);
                BaseUrl = _current.BaseUrl;
                _up = Stopwatch.StartNew();
                return;
            }
            catch (ChaosFailure e)
            {
                last = e;
                if (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    _port = ServiceProcess.FreePort();
                }
            }
        }

        throw new ChaosFailure($"The service could not be started on its database ({StartTries} tries): {last?.Message}");
    }

    /// <summary>
    /// SIGKILL; or SIGTERM first and a graceful stop within <paramref name="grace"/>, SIGKILL if it
    /// hangs. True when a SIGTERM hung.
    /// </summary>
    public async Task<bool> KillAsync(bool sigtermFirst, TimeSpan grace)
    {
        if (_current is null)
        {
            return false;
        }

        var hung = false;
        if (sigtermFirst)
        {
            hung = !await _current.TerminateAsync(grace);
        }
        else
        {
            await _current.KillAsync();
        }

        await _current.DisposeAsync();
        _current = null;
        return hung;
    }

    /// <summary>Disposes a life that ended on its own; returns its last output lines.</summary>
    public async Task<string> ReapAsync()
    {
        var output = LastOutput();
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }

        return output;
    }

    /// <summary>A graceful stop (bounded), then SIGKILL.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.TerminateAsync(TimeSpan.FromSeconds(15));
            await _current.DisposeAsync();
            _current = null;
        }
    }
}
