namespace Gatewayz.AppHost.Tests;

/// <summary>The AppHost's resource model, built without starting anything.</summary>
internal static class AppHostModel
{
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync() =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.Gatewayz_AppHost>();

    public static IResource Resource(this IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.Single(resource => resource.Name == name);

    /// <summary>Environment as it would be published (values render as expressions, so no engine is needed).</summary>
    public static async Task<Dictionary<string, string>> PublishedEnvironmentAsync(
        this IDistributedApplicationTestingBuilder builder, string name) =>
        await ((IResourceWithEnvironment)builder.Resource(name))
            .GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
}
