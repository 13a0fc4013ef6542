using WfaaS.Api.Hosting;
using WfaaS.Storage.Executions;

namespace WfaaS.Api.Endpoints;

/// <summary>Hands endpoints a <see cref="WaitingView"/> without each listing its three dependencies.</summary>
internal sealed class WaitingViewFactory(ExecutionReader reader, CallbackTokens tokens, PublicUrls urls)
{
    public WaitingView Create() => new(reader, tokens, urls);
}
