namespace WfaaS.Engine.Execution.Effects;

public sealed record RecordHistory(HistoryRecord Record) : Effect;
