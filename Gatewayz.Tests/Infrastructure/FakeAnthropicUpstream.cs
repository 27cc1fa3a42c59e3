using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback that speaks Anthropic's Messages API (<c>POST /v1/messages</c>,
/// <c>POST /v1/messages/count_tokens</c>, <c>GET /v1/models</c>) as its public reference describes it. It answers
/// with the scripted bodies and streams of <see cref="UpstreamBehavior"/> (<see cref="UpstreamBehavior.RawBody"/>,
/// <see cref="UpstreamBehavior.RawStream"/>, <see cref="UpstreamBehavior.Frames"/>, a failed
/// <see cref="UpstreamBehavior.Status"/> with its <see cref="UpstreamBehavior.ErrorBody"/>, a delay, a broken
/// connection), by default the recorded text answer (a count: <see cref="TokenCount"/>), and records every request
/// as it arrived: raw body and headers.
/// </summary>
public sealed class FakeAnthropicUpstream : IAsyncDisposable
{
    public const string ModelsList = """{"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"},{"type":"model","id":"claude-haiku-4-5-20251001","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-haiku-4-5-20251001"}""";

    /// <summary>The default answer of <c>POST /v1/messages/count_tokens</c>, as the API reference shows it.</summary>
    public const string TokenCount = """{"input_tokens":2095}""";

    private readonly WebApplication _app;

    private FakeAnthropicUpstream(WebApplication app) => _app = app;

    public UpstreamBehavior Behavior { get; set; } = new();

    /// <summary>Behaviours for the next message and count requests, one each, before <see cref="Behavior"/> applies again.</summary>
    public ConcurrentQueue<UpstreamBehavior> Script { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The last message request the upstream received.</summary>
    public RecordedRequest LastMessageRequest => Requests.Last(request => request.Method == "POST" && request.Path == "/v1/messages");

    /// <summary>The token count requests the upstream received, in order.</summary>
    public IReadOnlyList<RecordedRequest> CountRequests => [.. Requests.Where(request => request.Path == "/v1/messages/count_tokens")];

    public static async Task<FakeAnthropicUpstream> StartAsync()
    {
        var app = FakeUpstream.CreateLoopbackApp();
        var upstream = new FakeAnthropicUpstream(app);
        app.MapPost("/v1/messages", upstream.MessagesAsync);
        app.MapPost("/v1/messages/count_tokens", upstream.CountTokensAsync);
        app.MapGet("/v1/models", upstream.ModelsAsync);
        upstream.BaseUrl = await FakeUpstream.StartLoopbackAsync(app);
        return upstream;
    }

    private async Task ModelsAsync(HttpContext context)
    {
        Requests.Enqueue(Record(context, "GET", body: ""));
        context.Response.StatusCode = Behavior.ProbeStatus ?? 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ModelsList);
    }

    private async Task CountTokensAsync(HttpContext context)
    {
        var (behavior, _) = await ReceiveAsync(context);
        if (await FailedAsync(context, behavior)) return;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(behavior.RawBody ?? TokenCount, Encoding.UTF8);
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var (behavior, raw) = await ReceiveAsync(context);
        if (await FailedAsync(context, behavior)) return;

        using var body = JsonDocument.Parse(raw);
        var stream = body.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        context.Response.Headers["request-id"] = "req_011CSHoEeqs5C35K2UUqR7Fy";
        if (behavior.Frames is { } frames)
        {
            context.Response.ContentType = stream ? "text/event-stream; charset=utf-8" : "application/json";
            await FakeUpstream.WriteFramesAsync(context, frames);
            return;
        }
        if (stream)
        {
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            await context.Response.WriteAsync(behavior.RawStream ?? WireFixtures.Anthropic("text.sse"), Encoding.UTF8);
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(behavior.RawBody ?? WireFixtures.Anthropic("text.json"), Encoding.UTF8);
    }

    /// <summary>Records a POST as it arrived; returns the behaviour that answers it and its body.</summary>
    private async Task<(UpstreamBehavior Behavior, string Body)> ReceiveAsync(HttpContext context)
    {
        var behavior = Script.TryDequeue(out var scripted) ? scripted : Behavior;
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        Requests.Enqueue(Record(context, "POST", raw));
        return (behavior, raw);
    }

    /// <summary>Breaks the connection, waits, or answers the failed status of <paramref name="behavior"/>; false when it answers normally.</summary>
    private static async Task<bool> FailedAsync(HttpContext context, UpstreamBehavior behavior)
    {
        if (behavior.AbortConnection) { context.Abort(); return true; }
        if (behavior.HeaderDelay > TimeSpan.Zero) await Task.Delay(behavior.HeaderDelay, context.RequestAborted);
        if (behavior.Status == 200) return false;
        context.Response.StatusCode = behavior.Status;
        if (behavior.RetryAfter is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter;
        context.Response.ContentType = behavior.ErrorContentType;
        await context.Response.WriteAsync(behavior.ErrorBody
            ?? """{"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");
        return true;
    }

    private static RecordedRequest Record(HttpContext context, string method, string body)
    {
        JsonElement? json = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        return new RecordedRequest(method, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), json)
        {
            RawBody = body,
            Headers = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
