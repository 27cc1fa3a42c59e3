using Gatewayz.AppHost.Stack;
using Microsoft.Extensions.Configuration;

namespace Gatewayz.AppHost.Tests;

/// <summary>A fact that is skipped, saying why, when no container engine answers (checked once per run).</summary>
public sealed class RequiresContainerEngineFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> WhyNot = new(() =>
    {
        var client = ContainerEngine.Client(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        return ContainerEngine.Answers(client)
            ? null
            : $"No container engine answers ('{client} info' failed), so the container stack cannot start here; " +
              "ProcessStackEndToEndTests cover the same paths with local processes.";
    });

    public RequiresContainerEngineFactAttribute()
    {
        if (WhyNot.Value is { } reason)
            Skip = reason;
    }
}
