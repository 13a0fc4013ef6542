using System.Data;
using Dapper;
using WfaaS.Storage.Providers.Sqlite;

namespace WfaaS.Storage.Sql;

/// <summary>
/// How Dapper reads the two column types whose stored form differs by provider as EF maps them:
/// SQLite keeps a Guid as 16 bytes and a DateTime as microseconds (<c>SqliteValues</c>; PostgreSQL
/// and SQL Server natively), and every time is UTC (<see cref="UtcDateTimeConverter"/>). Parameters are never bound by Dapper (statements bind with EF's mappings).
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
            byte[] bytes => SqliteValues.FromBytes(bytes),
            _ => throw new DataException($"A Guid column holds {value.GetType().Name}."),
        };

        public override void SetValue(IDbDataParameter parameter, Guid value) => throw new NotSupportedException("Parameters bind through EF's mappings.");
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override DateTime Parse(object value) => value switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            long microseconds => SqliteValues.FromMicroseconds(microseconds),
            _ => throw new DataException($"A DateTime column holds {value.GetType().Name}."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTime value) => throw new NotSupportedException("Parameters bind through EF's mappings.");
    }
}
