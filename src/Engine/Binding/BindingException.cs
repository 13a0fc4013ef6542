namespace WfaaS.Engine.Binding;

/// <summary>An input could not be bound at run time: a symbol or path that does not exist.</summary>
public sealed class BindingException(string message) : Exception(message);
