namespace WfaaS.Engine.Binding;

public abstract record TemplatePart;
