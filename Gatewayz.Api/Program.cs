using Gatewayz.Api.Accounts;
using Gatewayz.Api.Accounts.Admin;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Completions;
using Gatewayz.Api.Embeddings;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Http;
using Gatewayz.Api.Images;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Monitoring;
using Gatewayz.Api.OpenAi;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Responses;
using Gatewayz.Api.Telemetry;
using Gatewayz.RealtimeMetrics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHttpEdges();
builder.AddModelCatalog();
builder.AddRedisConnection();
builder.AddProviders();
builder.AddResilience();
builder.AddApiKeyAuthentication();
builder.AddAccounts();
builder.AddGatewayMetrics();
builder.AddCaching();
builder.AddResponses();
builder.AddRateLimits();
builder.AddMonitoring();
builder.AddGenAiTelemetry();
builder.AddContinuousProfiling();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseGatewayErrors();
app.UseRouting();
app.UseGatewayCors();
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestBodyDecoding();

app.MapDefaultEndpoints();
app.MapGatewayMetrics();
app.MapOpenAiApi();
app.MapEmbeddingsApi();
app.MapImagesApi();
app.MapCompletionsApi();
app.MapModelsApi();
app.MapAnthropicApi();
app.MapAdminApi();
app.MapMonitoringApi();

app.Run();

public partial class Program;
