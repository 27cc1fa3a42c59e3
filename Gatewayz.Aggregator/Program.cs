using Gatewayz.Aggregator;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHourlyAggregation();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
