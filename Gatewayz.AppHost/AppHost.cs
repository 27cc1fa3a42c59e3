var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis("redis")
    .WithDataVolume();

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume();
var database = postgres.AddDatabase("gatewayz");

builder.AddProject<Projects.Gatewayz_Api>("api")
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Gatewayz_Aggregator>("aggregator")
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
