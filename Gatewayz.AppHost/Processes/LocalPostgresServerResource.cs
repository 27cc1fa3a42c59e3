namespace Gatewayz.AppHost.Processes;

/// <summary>
/// A PostgreSQL server run as a local process (<c>Processes/postgres.sh</c>), user <c>postgres</c> with the
/// <c>postgres-password</c> parameter, like Aspire's Postgres container resource.
/// </summary>
internal sealed class LocalPostgresServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>The one database the script creates on first start (the AppHost makes one, <c>gatewayz</c>).</summary>
    public LocalPostgresDatabaseResource? Database { get; set; }

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}
