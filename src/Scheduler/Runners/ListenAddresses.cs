namespace WfaaS.Scheduler.Runners;

/// <summary>The URLs this service listens on, as the host knows them (the Api registers it from Kestrel's server addresses).</summary>
public sealed class ListenAddresses(Func<IEnumerable<string>> read)
{
    public IEnumerable<string> Read() => read();
}
