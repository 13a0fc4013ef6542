namespace WfaaS.Storage.Sql;

/// <summary>One condition of a WHERE clause: the column of <paramref name="Property"/> equals (or with <paramref name="Not"/>, differs from) <paramref name="Value"/>; a null value means IS NULL.</summary>
public readonly record struct Where(string Property, object? Value, bool Not = false)
{
    public static implicit operator Where((string Property, object? Value) condition) => new(condition.Property, condition.Value);

    public static Where NotEqual(string property, object? value) => new(property, value, Not: true);
}
