using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WfaaS.Storage.Sql;

/// <summary>
/// Statements over our entity types, with table and column names, quoting and value conversion
/// taken from the EF model, so they write exactly what EF would write, on every provider. The hot
/// path of a step uses these instead of change tracking: a step knows which rows it inserts and
/// which columns it sets, and EF's per-entity bookkeeping cost more than the database did.
/// </summary>
public sealed class RowSql(IModel model, ISqlGenerationHelper helper, SqlDialect dialect)
{
    private readonly ConcurrentDictionary<Type, TableMap> _tables = new();
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>INSERT of every column but store-generated keys.</summary>
    public Statement Insert<T>(T row)
        where T : class
    {
        var table = Table(typeof(T));
        return new Statement(table.InsertSql, Written(table, row)) { Insert = table.Insert };
    }

    /// <summary>INSERT that hands the generated key to <paramref name="key"/>.</summary>
    public Statement InsertReturningKey<T>(T row, Action<long> key)
        where T : class
    {
        var table = Table(typeof(T));
        var parts = table.InsertReturning;
        var sql = _texts.GetOrAdd("insert-returning:" + typeof(T).Name, _ => dialect.InsertReturning(parts));
        return new Statement(sql, Written(table, row)) { KeyReceived = key, Insert = parts };
    }

    /// <summary>INSERT of <paramref name="row"/>, or when a row with the same primary key exists, its other columns set.</summary>
    public Statement Upsert<T>(T row)
        where T : class
    {
        var table = Table(typeof(T));
        var keys = table.Columns.Where(c => c.Key).ToList();
        var values = table.Columns.Where(c => !c.Key).ToList();
        var sql = _texts.GetOrAdd("upsert:" + typeof(T).Name, _ => dialect.Upsert(
            table.Name, [.. table.Written.Select(c => c.Name)], Parameters(0, table.Written.Count), [.. keys.Select(c => c.Name)], [.. values.Select(c => c.Name)]));
        var parts = dialect.Provider == StorageProvider.SqlServer
            ? null
            : table.Insert with { OnConflict = SqlDialect.OnConflictUpdate([.. keys.Select(c => c.Name)], [.. values.Select(c => c.Name)]) };
        return new Statement(sql, Written(table, row)) { Insert = parts };
    }

    /// <summary>UPDATE … SET <paramref name="set"/> WHERE every <paramref name="where"/> holds (null: IS NULL).</summary>
    public Statement Update<T>(IReadOnlyList<(string Property, object? Value)> set, IReadOnlyList<Where> where)
        where T : class
    {
        var table = Table(typeof(T));
        var shape = $"update:{typeof(T).Name}:{string.Join(',', set.Select(s => s.Property))}:{Shape(where)}";
        var sql = _texts.GetOrAdd(shape, _ =>
        {
            var assignments = string.Join(", ", set.Select((s, i) => $"{table[s.Property].Name} = {Parameter(i)}"));
            return $"UPDATE {table.Name} SET {assignments} WHERE {Conditions(table, where, set.Count)}";
        });
        return new Statement(sql, [.. set.Select(s => table[s.Property].Typed(s.Value)), .. Bound(table, where)]);
    }

    /// <summary>DELETE … WHERE every <paramref name="where"/> holds.</summary>
    public Statement Delete<T>(IReadOnlyList<Where> where)
        where T : class
    {
        var table = Table(typeof(T));
        var sql = _texts.GetOrAdd($"delete:{typeof(T).Name}:{Shape(where)}", _ => $"DELETE FROM {table.Name} WHERE {Conditions(table, where, 0)}");
        return new Statement(sql, [.. Bound(table, where)]);
    }

    /// <summary>SELECT <paramref name="properties"/> … WHERE every <paramref name="where"/> holds ORDER BY <paramref name="orderBy"/>.</summary>
    public Statement Select<T>(IReadOnlyList<string> properties, IReadOnlyList<Where> where, string orderBy, bool descending = false)
        where T : class
    {
        var table = Table(typeof(T));
        var sql = _texts.GetOrAdd($"select:{typeof(T).Name}:{string.Join(',', properties)}:{Shape(where)}:{orderBy}:{descending}", _ =>
            $"SELECT {string.Join(", ", properties.Select(p => table[p].Name))} FROM {table.Name} WHERE {Conditions(table, where, 0)} ORDER BY {table[orderBy].Name}{(descending ? " DESC" : string.Empty)}");
        return new Statement(sql, [.. Bound(table, where)]);
    }

    /// <summary>
    /// SELECT every column of <typeparamref name="T"/>, each named as its property, … WHERE every
    /// <paramref name="where"/> holds, for Dapper to read rows of <typeparamref name="T"/> from.
    /// </summary>
    public Statement SelectRows<T>(IReadOnlyList<Where> where)
        where T : class
    {
        var table = Table(typeof(T));
        var sql = _texts.GetOrAdd($"select-rows:{typeof(T).Name}:{Shape(where)}", _ =>
            $"SELECT {string.Join(", ", table.Columns.Select(c => $"{c.Name} AS {helper.DelimitIdentifier(c.Property)}"))} FROM {table.Name} WHERE {Conditions(table, where, 0)}");
        return new Statement(sql, [.. Bound(table, where)]);
    }

    /// <summary>
    /// SELECT every column of <typeparamref name="T"/>, as <see cref="SelectRows{T}"/>, … WHERE the column of
    /// <paramref name="property"/> is one of <paramref name="values"/>. The list is padded with its last
    /// value to a power of two, so a few texts serve every count.
    /// </summary>
    public Statement SelectRowsIn<T>(string property, IReadOnlyList<object> values)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var table = Table(typeof(T));
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)values.Count);
        var sql = _texts.GetOrAdd($"select-rows-in:{typeof(T).Name}:{property}:{count}", _ =>
            $"SELECT {string.Join(", ", table.Columns.Select(c => $"{c.Name} AS {helper.DelimitIdentifier(c.Property)}"))} FROM {table.Name} WHERE {table[property].Name} IN ({Parameters(0, count)})");
        var column = table[property];
        return new Statement(sql, [.. Enumerable.Range(0, count).Select(i => column.Typed(values[Math.Min(i, values.Count - 1)]))]);
    }

    private static StatementValue[] Written(TableMap table, object row)
    {
        var values = new StatementValue[table.Written.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = table.Written[i].Value(row);
        }

        return values;
    }

    private static string Shape(IReadOnlyList<Where> where) =>
        string.Join(',', where.Select(w => w.Property + (w.Value is null ? " null" : w.Not ? " <>" : string.Empty)));

    private static string Conditions(TableMap table, IReadOnlyList<Where> where, int first)
    {
        var index = first;
        return string.Join(" AND ", where.Select(w => w.Value is null
            ? $"{table[w.Property].Name} IS {(w.Not ? "NOT " : string.Empty)}NULL"
            : $"{table[w.Property].Name} {(w.Not ? "<>" : "=")} {Parameter(index++)}"));
    }

    private static IEnumerable<StatementValue> Bound(TableMap table, IReadOnlyList<Where> where) =>
        where.Where(w => w.Value is not null).Select(w => table[w.Property].Typed(w.Value));

    private static string Parameters(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(Parameter));

    /// <summary>The name of the <paramref name="index"/>-th parameter; every provider takes <c>@name</c>.</summary>
    public static string Parameter(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 256).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private TableMap Table(Type type) => _tables.GetOrAdd(type, t =>
    {
        var entity = model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new ColumnMap(p.Name, helper.DelimitIdentifier(p.GetColumnName(store)!), p.GetRelationalTypeMapping(), p.PropertyInfo!, p.ValueGenerated == ValueGenerated.OnAdd, p.IsPrimaryKey()))
            .ToList();
        return new TableMap(helper.DelimitIdentifier(store.Name, store.Schema), columns);
    });

    private sealed class TableMap(string name, IReadOnlyList<ColumnMap> columns)
    {
        private readonly Dictionary<string, ColumnMap> _byProperty = columns.ToDictionary(c => c.Property, StringComparer.Ordinal);

        public string Name => name;

        public IReadOnlyList<ColumnMap> Columns => columns;

        public IReadOnlyList<ColumnMap> Written { get; } = [.. columns.Where(c => !c.Generated)];

        public ColumnMap? Generated { get; } = columns.FirstOrDefault(c => c.Generated);

        public InsertParts Insert => field ??= InsertOf(returning: false);

        public InsertParts InsertReturning => field ??= InsertOf(returning: true);

        public string InsertSql => field ??= $"{Insert.Head} VALUES ({Insert.Values})";

        public ColumnMap this[string property] => _byProperty[property];

        private InsertParts InsertOf(bool returning) => new(
            $"INSERT INTO {Name} ({string.Join(", ", Written.Select(c => c.Name))})",
            Parameters(0, Written.Count),
            returning ? Generated!.Name : null);
    }

    private sealed record ColumnMap(string Property, string Name, RelationalTypeMapping Mapping, PropertyInfo Info, bool Generated, bool Key)
    {
        public StatementValue Value(object row) => new(Mapping, Info.GetValue(row));

        public StatementValue Typed(object? value) => new(Mapping, value);
    }
}
