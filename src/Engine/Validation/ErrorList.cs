using System.Collections.Immutable;

namespace WfaaS.Engine.Validation;

/// <summary>Collects every error in the order found; an identical path and message is kept once.</summary>
internal sealed class ErrorList
{
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<ValidationError> _seen = [];

    public int Count => _errors.Count;

    public void Add(string path, string message)
    {
        var error = new ValidationError(path, message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    public ImmutableArray<ValidationError> ToImmutable() => [.. _errors];
}
