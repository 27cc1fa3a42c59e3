namespace Gatewayz.AppHost;

/// <summary>
/// <see cref="Stack.StackMode.Containers"/>: every service in its pinned image (<see cref="ContainerImages"/>),
/// with telemetry through the collector to Tempo, Loki and the dashboard, and profiles to Pyroscope.
/// </summary>
internal static class ContainerStack
{
    public static void Add(IDistributedApplicationBuilder builder, AlertEmailSettings email)
    {
        var redis = builder.AddRedis("redis")
            .WithImage(ContainerImages.Redis.Image, ContainerImages.Redis.Tag)
            .WithDataVolume("redis-data");
        var redisExporter = builder.AddRedisExporter(redis);

        var postgres = builder.AddPostgres("postgres")
            .WithImage(ContainerImages.Postgres.Image, ContainerImages.Postgres.Tag)
            .WithDataVolume("postgres-data");
        var database = postgres.AddDatabase("gatewayz");

        var mimir = builder.AddMimir();
        var loki = builder.AddLoki();
        var tempo = builder.AddTempo(mimir);
        var pyroscope = builder.AddPyroscope();
        var alertmanager = builder.AddAlertmanager(email);
        var collector = builder.AddTelemetryCollector(tempo, loki);

        var services = GatewayServices.Add(builder, redis, database);
        services.Api
            .WithTelemetryThroughCollector(collector)
            .WithEnvironment("PYROSCOPE_ENABLED", "true")
            .WithEnvironment("PYROSCOPE_SERVER_ADDRESS", pyroscope.GetEndpoint(StackContainerExtensions.Http));
        services.Aggregator.WithTelemetryThroughCollector(collector);

        var prometheus = builder.AddPrometheus(new ScrapeTargets(
            services.MetricsEndpoint, services.Aggregator, alertmanager, redisExporter, mimir, tempo, loki));

        builder.AddGrafana(
            new GrafanaDatasources(prometheus, mimir, loki, tempo, pyroscope, postgres, database),
            email);
    }
}
