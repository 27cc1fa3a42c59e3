using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Gatewayz.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Npgsql data source and the migrator when <c>ConnectionStrings:gatewayz</c> is set.
    /// Returns false (and registers nothing) when it is not, so callers keep their database-free mode.
    /// With <paramref name="migrateAtStartup"/> the host migrates before it serves; otherwise the caller
    /// runs <see cref="DatabaseMigrator.EnsureMigratedAsync"/> itself (the aggregator, which must ride out outages).
    /// </summary>
    public static bool AddGatewayzDatabase(this IHostApplicationBuilder builder, bool migrateAtStartup = false)
    {
        var connectionString = builder.Configuration.GetConnectionString(GatewayzDatabase.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString)) return false;

        builder.Services.AddSingleton(new GatewayzDatabase(connectionString));
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<DatabaseMigrator>();
        if (migrateAtStartup)
            builder.Services.AddHostedService<DatabaseMigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return true;
    }
}
