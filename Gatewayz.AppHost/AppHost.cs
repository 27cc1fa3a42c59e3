using Gatewayz.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

#if COMPOSE
// Built with -p:GatewayzCompose=true, `aspire publish` writes docker-compose.yaml and .env for this environment.
builder.AddDockerComposeEnvironment("compose");
#endif

var redis = builder.AddRedis("redis")
    .WithImage(ContainerImages.Redis.Image, ContainerImages.Redis.Tag)
    .WithDataVolume("redis-data");
var redisExporter = builder.AddRedisExporter(redis);

var postgres = builder.AddPostgres("postgres")
    .WithImage(ContainerImages.Postgres.Image, ContainerImages.Postgres.Tag)
    .WithDataVolume("postgres-data");
var database = postgres.AddDatabase("gatewayz");

var email = AlertEmailSettings.FromParameters(builder);
var mimir = builder.AddMimir();
var loki = builder.AddLoki();
var tempo = builder.AddTempo(mimir);
var pyroscope = builder.AddPyroscope();
var alertmanager = builder.AddAlertmanager(email);
var collector = builder.AddTelemetryCollector(tempo, loki);

// The admin API (users, keys, credits) is only enabled when this secret is set.
var adminToken = builder.AddParameter("gateway-admin-token", secret: true);

// Several gateway replicas share rate limits, breaker state and health scores through Redis.
var apiReplicas = int.TryParse(builder.Configuration["Gatewayz:ApiReplicas"], out var replicas) ? replicas : 1;

var api = builder.AddProject<Projects.Gatewayz_Api>("api")
    .WithReplicas(apiReplicas)
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithTelemetryThroughCollector(collector)
    .WithEnvironment("Gatewayz__AdminToken", adminToken)
    .WithEnvironment("PYROSCOPE_ENABLED", "true")
    .WithEnvironment("PYROSCOPE_SERVER_ADDRESS", pyroscope.GetEndpoint(StackContainerExtensions.Http))
    .WithHttpHealthCheck("/health");

var aggregator = builder.AddProject<Projects.Gatewayz_Aggregator>("aggregator")
    .WithHttpEndpoint(name: StackContainerExtensions.Http)
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithTelemetryThroughCollector(collector)
    .WithHttpHealthCheck("/health");

var prometheus = builder.AddPrometheus(
    new ScrapeTargets(api, aggregator, redisExporter, mimir, tempo, loki, alertmanager));

builder.AddGrafana(
    new GrafanaDatasources(prometheus, mimir, loki, tempo, pyroscope, postgres, database),
    email);

builder.Build().Run();
