using System.Runtime.InteropServices;
using WfaaS.Chaos;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ChaosFailure e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

// Ctrl+C or a CI job's SIGTERM: stop, then still stop the service and drop the database.
// A second signal ends the process at once.
using var interrupt = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

return await Runner.RunAsync(options, args, interrupt.Token);
