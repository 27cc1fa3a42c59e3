namespace Gatewayz.AppHost.Processes;

/// <summary>
/// redis-server run as a local process (<c>Processes/redis.sh</c>). Its connection string has the shape of
/// Aspire's Redis container resource (<c>host:port,password=…</c>), so the services read it unchanged.
/// </summary>
internal sealed class LocalRedisResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}
