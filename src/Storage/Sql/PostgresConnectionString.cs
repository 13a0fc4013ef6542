using System.Data.Common;
using System.Net;
using Npgsql;

namespace WfaaS.Storage.Sql;

/// <summary>What WfaaS sets on a PostgreSQL connection string unless the operator set it.</summary>
public static class PostgresConnectionString
{
    /// <summary>Statements prepared once a text has run this often (Npgsql's default).</summary>
    private const int AutoPrepared = 64;

    /// <summary>Connections per pool unless the operator sets <c>Maximum Pool Size</c> (Npgsql's default is 100).</summary>
    private const int PoolSize = 40;

    /// <summary>
    /// Automatic preparation: a step sends the same few statement texts over and over (one
    /// conditional statement per step shape, the hot reads), so the server parses and plans each
    /// once per connection instead of on every step. Measured (linear10 starts, server CPU per
    /// start): 0.72 ms unprepared, 0.47 ms prepared.
    /// No TLS to a server on this machine (<see cref="IsLoopback"/>): Npgsql's default, <c>Prefer</c>,
    /// encrypts there without checking the certificate, which guards against nobody on loopback,
    /// and every round trip pays for it on both sides (docs/decisions.md). An explicit
    /// <c>SSL Mode</c> is kept as it is.
    /// A pool of <see cref="PoolSize"/>: Npgsql's 100 is PostgreSQL's default <c>max_connections</c>,
    /// so one instance's pool could take every connection the server has (Hangfire's pool comes
    /// on top), and a request then failed with 53300 "too many clients". An explicit size is kept.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        if (!Sets(connectionString, "SSL Mode", "SslMode") && IsLoopback(builder.Host))
        {
            builder.SslMode = SslMode.Disable;
        }

        if (!Sets(connectionString, "Maximum Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = PoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether the operator wrote one of <paramref name="keywords"/> (<see cref="NpgsqlConnectionStringBuilder.ContainsKey"/>
    /// says yes to every keyword Npgsql knows, so the string is read as written).
    /// </summary>
    private static bool Sets(string connectionString, params string[] keywords)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(written.ContainsKey);
    }

    /// <summary>
    /// Whether every host of <paramref name="hosts"/> (Npgsql's comma-separated list, each maybe with
    /// a port) is this machine: <c>localhost</c>, a loopback address, or a Unix socket's directory.
    /// Decided on the text alone; no name is resolved.
    /// </summary>
    internal static bool IsLoopback(string? hosts)
    {
        if (string.IsNullOrWhiteSpace(hosts))
        {
            return false;
        }

        foreach (var entry in hosts.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!IsLoopbackHost(entry))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLoopbackHost(string entry)
    {
        if (entry.StartsWith('/'))
        {
            return true;
        }

        var host = entry switch
        {
            ['[', ..] when entry.IndexOf(']', StringComparison.Ordinal) is > 0 and var end => entry[1..end],
            _ when entry.Count(c => c == ':') == 1 => entry[..entry.IndexOf(':', StringComparison.Ordinal)],
            _ => entry,
        };
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
