using Npgsql;
using StackExchange.Redis;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A real Postgres and a real Redis for one test class. Each test takes a fresh database
/// (<see cref="NewDatabaseAsync"/>) and a flushed Redis, so tests in a class never see each other's data.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starting = PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
        Postgres = await starting;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "gwz_" + Guid.NewGuid().ToString("N")[..12];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"create database {name}", connection);
                await command.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CannotConnectNow && attempt < 100)
            {
                // The port opens a moment before the server accepts sessions ("the database system is starting up").
                await Task.Delay(100);
            }
        }
        return new NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A database outage: the database refuses every connection and its open sessions are cut (or it recovers).</summary>
    public async Task SetConnectionsAllowedAsync(string connectionString, bool allowed)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(Postgres.ConnectionString);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"alter database {database} with allow_connections {allowed}", admin))
            await alter.ExecuteNonQueryAsync();
        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand("select pg_terminate_backend(pid) from pg_stat_activity where datname = @database", admin);
            terminate.Parameters.AddWithValue("database", database!);
            await terminate.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Postgres goes down as a crashed server does (an immediate stop). A checkpoint first, so that what was
    /// committed survives the test server's <c>synchronous_commit=off</c>.
    /// </summary>
    public async Task StopPostgresAsync()
    {
        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("checkpoint", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        await Postgres.StopImmediatelyAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts Postgres again on its port and data, and waits until it accepts sessions.</summary>
    public async Task StartPostgresAsync()
    {
        await Postgres.RestartAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CannotConnectNow && attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Empties Redis and returns a database handle for seeding and checking.</summary>
    public async Task<IDatabase> FreshRedisAsync()
    {
        _redis ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        await _redis.GetServer(Redis.ConnectionString).FlushAllDatabasesAsync();
        return _redis.GetDatabase();
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
