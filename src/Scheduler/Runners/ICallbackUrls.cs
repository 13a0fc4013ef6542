namespace WfaaS.Scheduler.Runners;

/// <summary>Where an external system reports on a delegate task; the Api, which owns the routes, says.</summary>
public interface ICallbackUrls
{
    string Callback(string token);

    string Heartbeat(string token);
}
