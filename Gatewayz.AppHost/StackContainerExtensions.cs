namespace Gatewayz.AppHost;

internal static class StackContainerExtensions
{
    /// <summary>The name of the HTTP endpoint every stack container exposes.</summary>
    public const string Http = "http";

    /// <summary>
    /// A pinned container with its main HTTP endpoint (named <see cref="Http"/>) and an HTTP
    /// health check on it, so that <c>WaitFor</c> waits until the service answers.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddStackContainer(
        this IDistributedApplicationBuilder builder, string name, ContainerImage image, int httpPort, string healthPath) =>
        builder.AddContainer(name, image.Image, image.Tag)
            .WithHttpEndpoint(targetPort: httpPort, name: Http)
            .WithHttpHealthCheck(healthPath, endpointName: Http);

    /// <summary><c>host:port</c> of a resource's HTTP endpoint, as Prometheus wants scrape targets.</summary>
    public static EndpointReferenceExpression HostAndPort<T>(this IResourceBuilder<T> resource, string endpointName = Http)
        where T : IResourceWithEndpoints =>
        resource.GetEndpoint(endpointName).Property(EndpointProperty.HostAndPort);

    /// <summary>The base URL (<c>http://host:port</c>) of a resource's HTTP endpoint.</summary>
    public static EndpointReference Url<T>(this IResourceBuilder<T> resource, string endpointName = Http)
        where T : IResourceWithEndpoints =>
        resource.GetEndpoint(endpointName);
}
