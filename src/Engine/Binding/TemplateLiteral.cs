namespace WfaaS.Engine.Binding;

public sealed record TemplateLiteral(string Text) : TemplatePart;
