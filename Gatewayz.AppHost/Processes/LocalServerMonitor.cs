using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatewayz.AppHost.Processes;

/// <summary>
/// Says in the AppHost's own console when a local server stops or fails to start, with the last lines it wrote.
/// Without it the services that wait for that server simply keep waiting, and the reason is visible only to someone
/// who opens the server's console log in the dashboard.
/// </summary>
internal static class LocalServerMonitor
{
    private const int LastLines = 10;

    /// <summary>
    /// Watches <paramref name="servers"/> from just before the app starts. Not a hosted service: the host starts
    /// those only after the orchestrator has started every resource, which never happens while one of them is down.
    /// </summary>
    public static void MonitorLocalServers(this IDistributedApplicationBuilder builder, IReadOnlyCollection<string> servers, string dataDirectory) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Gatewayz.AppHost.LocalServers");
            _ = Task.Run(() => WatchAsync(servers, dataDirectory, services.GetRequiredService<ResourceNotificationService>(),
                services.GetRequiredService<ResourceLoggerService>(), logger, stopping), stopping);
            return Task.CompletedTask;
        });

    private static async Task WatchAsync(
        IReadOnlyCollection<string> servers, string dataDirectory, ResourceNotificationService notifications,
        ResourceLoggerService logs, ILogger logger, CancellationToken stopping)
    {
        var reported = new Dictionary<string, string?>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                var name = update.Resource.Name;
                var state = update.Snapshot.State?.Text;
                if (!servers.Contains(name) || reported.GetValueOrDefault(name) == state)
                    continue;
                reported[name] = state;
                // Finished is how DCP reports a process that exited by itself.
                if (state is not null && KnownResourceStates.TerminalStates.Contains(state))
                    await ReportAsync(update, state, dataDirectory, logs, logger, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The AppHost is stopping: servers exiting now are expected.
        }
    }

    private static async Task ReportAsync(
        ResourceEvent update, string state, string dataDirectory, ResourceLoggerService logs, ILogger logger, CancellationToken stopping)
    {
        var lines = new Queue<string>();
        await foreach (var batch in logs.GetAllAsync(update.ResourceId).WithCancellation(stopping))
        {
            foreach (var line in batch)
            {
                lines.Enqueue(line.Content);
                if (lines.Count > LastLines)
                    lines.Dequeue();
            }
        }

        logger.LogError(
            "Local server {Server} {State} (exit code {ExitCode}); what waits for it will not start. " +
            "A server left running by an AppHost that was killed holds its port and its data in {DataDirectory}: stop it and start again. Last output:{NewLine}{Output}",
            update.Resource.Name, state.ToLowerInvariant(), update.Snapshot.ExitCode?.ToString() ?? "none", dataDirectory,
            Environment.NewLine, string.Join(Environment.NewLine, lines));
    }
}
