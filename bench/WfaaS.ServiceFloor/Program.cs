using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

// The service floor (issue 15): the simplest durable HTTP service on WfaaS's stack — Kestrel, a
// minimal API, System.Text.Json, the same database driver — so the bench can put every WfaaS
// figure beside what this machine and database allow a service to do. POST /rows reads a small
// JSON body, inserts one row and commits, and answers 201 with its id.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var provider = builder.Configuration["Floor:Provider"] ?? "sqlite";
var connectionString = builder.Configuration["Floor:ConnectionString"]
    ?? throw new InvalidOperationException("Floor:ConnectionString is required.");
var postgres = string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase);
await using var dataSource = postgres ? NpgsqlDataSource.Create(connectionString) : null;

// SQLite has one writer: the simplest correct service takes turns in the process rather than
// spinning on SQLITE_BUSY.
using var sqliteWriter = new SemaphoreSlim(1, 1);

async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
{
    if (dataSource is not null)
    {
        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(cancellationToken);
    return connection;
}

async Task ExecuteAsync(DbConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}

await using (var connection = await OpenAsync(CancellationToken.None))
{
    if (!postgres)
    {
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
    }

    await ExecuteAsync(connection, postgres
        ? "CREATE TABLE IF NOT EXISTS bench_service_floor(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text NOT NULL)"
        : "CREATE TABLE IF NOT EXISTS bench_service_floor(id integer PRIMARY KEY, v text NOT NULL)");
}

var app = builder.Build();
app.MapGet("/readyz", () => Results.Ok());
app.MapPost("/rows", async (Row row, CancellationToken cancellationToken) =>
{
    if (!postgres)
    {
        await sqliteWriter.WaitAsync(cancellationToken);
    }

    try
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_service_floor(v) VALUES (@v) RETURNING id";
        var v = command.CreateParameter();
        v.ParameterName = "@v";
        v.Value = row.V;
        command.Parameters.Add(v);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return Results.Created($"/rows/{id}", new Created(id));
    }
    finally
    {
        if (!postgres)
        {
            sqliteWriter.Release();
        }
    }
});
await app.RunAsync();

internal sealed record Row(string V);

internal sealed record Created(long Id);
