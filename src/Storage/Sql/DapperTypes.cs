using System.Data;
using System.Globalization;
using Dapper;

namespace WfaaS.Storage.Sql;

/// <summary>
/// How Dapper reads the two column types whose stored form differs by provider as EF maps them:
/// SQLite keeps a Guid and a DateTime as text (PostgreSQL and SQL Server natively), and every time
/// is UTC (<see cref="UtcDateTimeConverter"/>). Dapper leaves Guid-as-text to the caller by design,
/// so this says it once. Parameters are never bound by Dapper (statements bind with EF's mappings).
/// </summary>
internal static class DapperTypes
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text, CultureInfo.InvariantCulture),
            _ => throw new DataException($"A Guid column holds {value.GetType().Name}."),
        };

        public override void SetValue(IDbDataParameter parameter, Guid value) => throw new NotSupportedException("Parameters bind through EF's mappings.");
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override DateTime Parse(object value) => value switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            string text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
            _ => throw new DataException($"A DateTime column holds {value.GetType().Name}."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTime value) => throw new NotSupportedException("Parameters bind through EF's mappings.");
    }
}
