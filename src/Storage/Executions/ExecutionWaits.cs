using WfaaS.Storage.Entities;

namespace WfaaS.Storage.Executions;

/// <summary>An execution's live tokens and pending timers: what its waiting tasks wait for.</summary>
public sealed record ExecutionWaits(IReadOnlyList<TokenEntity> Tokens, IReadOnlyList<TimerEntity> Timers);
