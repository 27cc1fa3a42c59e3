using Dapper;
using Gatewayz.Data;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gatewayz.Tests.Data;

public sealed class MigrationTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly string[] Tables =
        ["api_keys", "credit_balances", "credit_dead_letters", "credit_ledger", "metrics_hourly_aggregates", "plans", "subscriptions", "trials", "users"];

    /// <summary>The embedded migration scripts: each is applied once, and recorded once in <c>schemaversions</c>.</summary>
    private static readonly int Scripts = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(name => name.EndsWith(".sql", StringComparison.Ordinal));

    [Fact]
    public async Task Migrations_create_every_table_and_view_and_a_second_run_applies_nothing()
    {
        var connectionString = await storage.NewDatabaseAsync();
        await NewMigrator(connectionString).EnsureMigratedAsync(CancellationToken.None);
        await NewMigrator(connectionString).EnsureMigratedAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        var tables = await connection.QueryAsync<string>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
        Tables.ShouldBeSubsetOf(tables);
        (await connection.ExecuteScalarAsync<int>("select count(*) from pg_matviews where matviewname = 'provider_stats_24h'")).ShouldBe(1);
        (await connection.ExecuteScalarAsync<int>("select count(*) from schemaversions")).ShouldBe(Scripts);
        (await connection.ExecuteScalarAsync<int>("select count(*) from plans")).ShouldBe(4);
    }

    [Fact]
    public async Task Two_replicas_migrating_at_once_apply_each_script_exactly_once()
    {
        var connectionString = await storage.NewDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => NewMigrator(connectionString).EnsureMigratedAsync(CancellationToken.None))));

        await using var connection = new NpgsqlConnection(connectionString);
        (await connection.ExecuteScalarAsync<int>("select count(*) from schemaversions")).ShouldBe(Scripts);
    }

    [Fact]
    public async Task The_hourly_table_has_its_upsert_key_and_hour_index_and_the_view_can_refresh_concurrently()
    {
        var connectionString = await storage.NewDatabaseAsync();
        await NewMigrator(connectionString).EnsureMigratedAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        var indexes = (await connection.QueryAsync<string>("select indexdef from pg_indexes where tablename = 'metrics_hourly_aggregates'")).ToList();
        indexes.ShouldContain(definition => definition.Contains("UNIQUE") && definition.Contains("(hour, provider, model)"));
        indexes.ShouldContain(definition => definition.Contains("(hour DESC)"));
        await connection.ExecuteAsync("refresh materialized view concurrently provider_stats_24h");
    }

    [Fact]
    public async Task The_balance_follows_the_ledger_and_a_request_id_is_debited_only_once()
    {
        var connectionString = await storage.NewDatabaseAsync();
        await NewMigrator(connectionString).EnsureMigratedAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        var user = await connection.ExecuteScalarAsync<Guid>("insert into users (email) values ('ledger@example.com') returning id");

        await connection.ExecuteAsync("insert into credit_ledger (user_id, amount, reason) values (@user, 10, 'grant')", new { user });
        await connection.ExecuteAsync("insert into credit_ledger (user_id, amount, reason, request_id) values (@user, -0.25, 'usage', 'req-1')", new { user });
        await connection.ExecuteAsync("insert into credit_ledger (user_id, amount, reason, request_id) values (@user, -0.25, 'usage', 'req-1') on conflict do nothing", new { user });

        (await connection.ExecuteScalarAsync<decimal>("select balance from credit_balances where user_id = @user", new { user })).ShouldBe(9.75m);
        (await connection.ExecuteScalarAsync<decimal>("select sum(amount) from credit_ledger where user_id = @user", new { user })).ShouldBe(9.75m);
    }

    private static DatabaseMigrator NewMigrator(string connectionString) =>
        new(new GatewayzDatabase(connectionString), NpgsqlDataSource.Create(connectionString), NullLogger<DatabaseMigrator>.Instance);
}
