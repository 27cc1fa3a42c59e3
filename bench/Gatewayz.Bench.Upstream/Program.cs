using Gatewayz.Bench.Upstream;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapPost("/v1/chat/completions", FixedAnswers.ChatCompletionsAsync);
app.MapGet("/v1/models", FixedAnswers.ModelsAsync);
app.MapOtlpSink();
app.Run();
