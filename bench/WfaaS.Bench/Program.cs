using WfaaS.Bench;

Options options;
try
{
    options = Options.Parse(args);
}
catch (BenchFailure e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

return await Runner.RunAsync(options, args, interrupt.Token);
