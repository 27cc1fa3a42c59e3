using Gatewayz.Aggregator.Aggregation;
using Gatewayz.Aggregator.Metrics;

const string OnceFlag = "--once";
var builder = WebApplication.CreateBuilder([.. args.Where(argument => argument != OnceFlag)]);

builder.AddServiceDefaults();
builder.AddHourlyAggregation();

var app = builder.Build();

if (args.Contains(OnceFlag))
    return await app.RunAggregationOnceAsync();

app.MapDefaultEndpoints();
app.MapAggregatorMetrics();
app.MapAggregationRun();

await app.RunAsync();
return 0;

public partial class Program;
