namespace WfaaS.Engine.Execution.Effects;

/// <summary>What the step decided should happen; carried out after the step's transaction commits (SPEC §1).</summary>
public abstract record Effect;
