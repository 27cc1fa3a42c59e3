using System.Diagnostics;
using Gatewayz.Api.Metrics;
using Npgsql;

namespace Gatewayz.Api.Database;

/// <summary>
/// The gateway's way into Postgres: opens a pooled connection for one unit of work and measures it as one
/// <see cref="DatabaseOperations">operation</see> (duration, success or error). Work cancelled because its
/// caller went away is not counted: it says nothing about the database.
/// </summary>
public sealed class MeteredDatabase(NpgsqlDataSource dataSource, DatabaseQueryMetrics metrics)
{
    public async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var result = await work(connection);
            metrics.Completed(operation, Stopwatch.GetElapsedTime(started), failed: false);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch
        {
            metrics.Completed(operation, Stopwatch.GetElapsedTime(started), failed: true);
            throw;
        }
    }
}
