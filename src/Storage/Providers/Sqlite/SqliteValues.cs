using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WfaaS.Storage.Providers.Sqlite;

/// <summary>
/// How SQLite, which has no uuid or time type, stores the two: a uuid as its 16 bytes in RFC 9562
/// order (the order of its text, so a v7 id still sorts by time) and a time as microseconds since
/// 1970, UTC (PostgreSQL's precision). EF's default, text, took 36 and 27 bytes for what these
/// store in 16 and 8, in every row and in every index over them.
/// </summary>
internal static class SqliteValues
{
    public static byte[] ToBytes(Guid value) => value.ToByteArray(bigEndian: true);

    public static Guid FromBytes(byte[] value) => new(value, bigEndian: true);

    public static long ToMicroseconds(DateTime value) =>
        ((value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTime FromMicroseconds(long value) => new(DateTime.UnixEpoch.Ticks + (value * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

internal sealed class SqliteGuidConverter() : ValueConverter<Guid, byte[]>(v => SqliteValues.ToBytes(v), v => SqliteValues.FromBytes(v));

internal sealed class SqliteTimeConverter() : ValueConverter<DateTime, long>(v => SqliteValues.ToMicroseconds(v), v => SqliteValues.FromMicroseconds(v));
