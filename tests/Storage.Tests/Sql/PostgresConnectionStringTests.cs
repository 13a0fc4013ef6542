using Npgsql;
using WfaaS.Storage.Sql;

namespace WfaaS.Storage.Tests.Sql;

/// <summary>What the service sets on a PostgreSQL connection string, decided on the string alone.</summary>
public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Username=u")]
    [InlineData("Host=localhost;Username=u")]
    [InlineData("Host=LocalHost:5433;Username=u")]
    [InlineData("Host=127.0.0.2,localhost:5433;Username=u")]
    [InlineData("Host=::1;Username=u")]
    [InlineData("Host=[::1]:5433;Username=u")]
    [InlineData("Host=/var/run/postgresql;Username=u")]
    public void Tuned_LoopbackHostWithoutSslMode_DisablesTls(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned(connectionString));

        Assert.Equal(SslMode.Disable, tuned.SslMode);
        Assert.Equal(64, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db.example.com;Username=u")]
    [InlineData("Host=10.0.0.5;Username=u")]
    [InlineData("Host=127.0.0.1,db.example.com;Username=u")]
    [InlineData("Host=localhost.example.com;Username=u")]
    [InlineData("Host=::ffff:10.0.0.5;Username=u")]
    public void Tuned_HostElsewhere_KeepsNpgsqlsDefault(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned(connectionString));

        Assert.Equal(new NpgsqlConnectionStringBuilder().SslMode, tuned.SslMode);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;SSL Mode=Require;Username=u", SslMode.Require)]
    [InlineData("Host=localhost;sslmode=prefer;Username=u", SslMode.Prefer)]
    [InlineData("Host=localhost;SslMode=VerifyFull;Username=u", SslMode.VerifyFull)]
    public void Tuned_ExplicitSslMode_IsKept(string connectionString, SslMode expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned(connectionString));

        Assert.Equal(expected, tuned.SslMode);
    }

    [Fact]
    public void Tuned_ExplicitAutoPrepare_IsKept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned("Host=127.0.0.1;Max Auto Prepare=5"));

        Assert.Equal(5, tuned.MaxAutoPrepare);
    }

    [Fact]
    public void Tuned_NoPoolSize_LeavesPostgresDefaultConnectionsRoom()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned("Host=127.0.0.1;Username=u"));

        Assert.Equal(40, tuned.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Maximum Pool Size=100", 100)]
    [InlineData("Host=127.0.0.1;maximum pool size=7", 7)]
    [InlineData("Host=127.0.0.1;MaxPoolSize=250", 250)]
    public void Tuned_ExplicitPoolSize_IsKept(string connectionString, int expected)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tuned(connectionString));

        Assert.Equal(expected, tuned.MaxPoolSize);
    }
}
