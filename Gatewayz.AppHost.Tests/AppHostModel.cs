using Gatewayz.AppHost.Stack;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatewayz.AppHost.Tests;

/// <summary>The AppHost's resource model, built without starting anything.</summary>
internal static class AppHostModel
{
    /// <summary>The model in a given stack mode (containers by default: the model publishing describes).</summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(StackMode mode = StackMode.Containers, params string[] settings) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.Gatewayz_AppHost>(
            [$"{StackSettings.ModeSetting}={mode}", .. settings]);

    /// <summary>What building the model with <paramref name="settings"/> (and nothing else) fails with, as text.</summary>
    public static async Task<string> StartUpFailureAsync(params string[] settings)
    {
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Gatewayz_AppHost>(settings);
        });
        return failure.ToString();
    }

    public static IResource Resource(this IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.Single(resource => resource.Name == name);

    /// <summary>Environment as it would be published (values render as expressions, so nothing needs to run).</summary>
    public static async Task<Dictionary<string, string>> PublishedEnvironmentAsync(
        this IDistributedApplicationTestingBuilder builder, string name) =>
        (await PublishedConfigurationAsync(builder.Resource(name), configuration => configuration.WithEnvironmentVariablesConfig()))
            .EnvironmentVariables.ToDictionary();

    /// <summary>Arguments as they would be published.</summary>
    public static async Task<IReadOnlyList<string>> PublishedArgumentsAsync(
        this IDistributedApplicationTestingBuilder builder, string name) =>
        (await PublishedConfigurationAsync(builder.Resource(name), configuration => configuration.WithArgumentsConfig()))
            .Arguments.Select(argument => argument.Value).ToList();

    private static async Task<IExecutionConfigurationResult> PublishedConfigurationAsync(
        IResource resource, Func<IExecutionConfigurationBuilder, IExecutionConfigurationBuilder> gather)
    {
        var configuration = await gather(ExecutionConfigurationBuilder.Create(resource))
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
        configuration.Exception.ShouldBeNull();
        return configuration;
    }
}
