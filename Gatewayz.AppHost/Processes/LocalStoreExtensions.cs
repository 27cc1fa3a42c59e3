using Gatewayz.AppHost.Stack;
using HealthChecks.NpgSql;
using HealthChecks.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Gatewayz.AppHost.Processes;

/// <summary>Redis and PostgreSQL as local processes, with connection strings shaped like Aspire's container resources'.</summary>
internal static class LocalStoreExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, StackSettings stack)
    {
        var redisServer = LocalBinaries.Require("redis-server", "redis-server");
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);

        return builder.AddResource(new LocalRedisResource(name, builder.AppHostDirectory, password))
            .WithArgs("Processes/redis.sh")
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", env: "REDIS_PORT")
            .WithEnvironment("REDIS_SERVER", redisServer)
            .WithEnvironment("REDIS_DATA", stack.DataFolder(name))
            .WithEnvironment("REDIS_PASSWORD", ReferenceExpression.Create($"{password}"))
            .WithConnectionStringHealthCheck(connectionString =>
            {
                // abortConnect=false: the multiplexer keeps retrying while redis-server starts, instead of failing once.
                var connection = ConnectionMultiplexer.Connect($"{connectionString},abortConnect=false");
                return new RedisHealthCheck(connection);
            });
    }

    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, StackSettings stack)
    {
        var binaries = LocalBinaries.RequirePostgresBinDirectory(builder.Configuration);
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);

        return builder.AddResource(new LocalPostgresServerResource(name, builder.AppHostDirectory, password))
            .WithArgs("Processes/postgres.sh")
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("PGBIN", binaries)
            .WithEnvironment("PGDATA", Path.Combine(stack.DataFolder(name), "data"))
            .WithEnvironment("POSTGRES_PASSWORD", ReferenceExpression.Create($"{password}"))
            .WithEnvironment("POSTGRES_DB", "postgres")
            .WithPostgresHealthCheck();
    }

    /// <summary>
    /// The database <c>postgres.sh</c> creates when it initialises the server's data (one per server). It has no
    /// process of its own: it shows as running once its server is ready, then healthy once it accepts connections.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        server.WithEnvironment("POSTGRES_DB", name);
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        server.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, _) =>
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database,
                snapshot => snapshot with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }));

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithPostgresHealthCheck();
    }

    private static IResourceBuilder<T> WithPostgresHealthCheck<T>(this IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString =>
        resource.WithConnectionStringHealthCheck(connectionString => new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(connectionString)));

    private static IResourceBuilder<T> WithConnectionStringHealthCheck<T>(
        this IResourceBuilder<T> resource, Func<string, IHealthCheck> createCheck)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        resource.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, new ConnectionStringHealthCheck(resource.Resource, createCheck), failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }
}
