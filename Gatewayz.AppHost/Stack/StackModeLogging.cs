using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.AppHost.Stack;

internal static class StackModeLogging
{
    /// <summary>
    /// Says at start-up which mode runs and why, and in <see cref="StackMode.Processes"/> one line for each
    /// container service that was left out, so nobody looks for a Grafana that was never started.
    /// </summary>
    public static void LogStackMode(this IDistributedApplicationBuilder builder, StackSettings stack) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gatewayz.AppHost");
            logger.LogInformation("Stack mode {Mode} ({Reason}).", stack.Mode, stack.Reason);
            if (stack.Warning is not null)
                logger.LogWarning("{Warning}", stack.Warning);
            if (stack.Mode == StackMode.Processes)
            {
                logger.LogInformation("Local servers keep their data in {DataDirectory}.", stack.DataDirectory);
                foreach (var (service, loss) in ProcessStack.LeftOut)
                    logger.LogWarning("{Service} is left out in {Mode} mode (no local binary): {Loss}.", service, stack.Mode, loss);
            }
            return Task.CompletedTask;
        });
}
