using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Data;

/// <summary>Migrates before the host starts serving, retrying for a while so a database that starts alongside is waited for.</summary>
public sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator, ILogger<DatabaseMigrationHostedService> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.EnsureMigratedAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Postgres is not ready for migrations (attempt {Attempt}): {Reason}", attempt, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
