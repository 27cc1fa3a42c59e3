using System.Reflection;
using Dapper;
using DbUp;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gatewayz.Data;

/// <summary>
/// Applies the embedded SQL migrations once per process. Every replica of the gateway and of the
/// aggregator may call it at start-up; a session advisory lock makes them take turns, so two
/// replicas starting together never run the same script twice.
/// </summary>
public sealed class DatabaseMigrator(GatewayzDatabase database, NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    /// <summary>An arbitrary constant that names the migration lock ("gwz" + 1).</summary>
    private const long MigrationLockKey = 0x67777A_0001;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    public bool IsMigrated => _migrated;

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated) return;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@key)", new { key = MigrationLockKey }, cancellationToken: cancellationToken));
            try
            {
                var result = await Task.Run(Upgrade, cancellationToken);
                if (!result.Successful)
                    throw new InvalidOperationException($"Database migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
                foreach (var script in result.Scripts)
                    logger.LogInformation("Applied database migration {Script}", script.Name);
            }
            finally
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = MigrationLockKey });
            }
            _migrated = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private DbUp.Engine.DatabaseUpgradeResult Upgrade() =>
        DeployChanges.To
            .PostgresqlDatabase(database.ConnectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly())
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
}
