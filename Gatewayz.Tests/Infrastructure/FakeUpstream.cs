using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A real OpenAI-compatible HTTP server on loopback whose answers a test controls through
/// <see cref="Behavior"/>: content, status codes, delays, stream chunks, raw byte frames and broken connections.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    public UpstreamBehavior Behavior { get; set; } = new();

    /// <summary>Behaviours for the next chat requests, one each, before <see cref="Behavior"/> applies again.</summary>
    public ConcurrentQueue<UpstreamBehavior> Script { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int ChatRequestCount => Requests.Count(request => request.Method == "POST");

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeUpstream> StartAsync()
    {
        var app = CreateLoopbackApp();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.ChatCompletionsAsync);
        app.MapPost("/v1/embeddings", upstream.EmbeddingsAsync);
        app.MapPost("/v1/images/generations", upstream.ImagesAsync);
        app.MapPost("/v1/completions", upstream.CompletionsAsync);
        app.MapGet("/v1/models", upstream.ModelsAsync);
        upstream.BaseUrl = await StartLoopbackAsync(app);
        return upstream;
    }

    /// <summary>A quiet web application that will listen on a free loopback port.</summary>
    internal static WebApplication CreateLoopbackApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/>; returns its <c>/v1</c> base URL.</summary>
    internal static async Task<Uri> StartLoopbackAsync(WebApplication app)
    {
        await app.StartAsync();
        return new Uri(app.Urls.First() + "/v1");
    }

    private async Task ModelsAsync(HttpContext context)
    {
        var behavior = Behavior;
        Requests.Enqueue(new RecordedRequest("GET", "/v1/models", context.Request.Headers.Authorization.ToString(), null));
        if (behavior.AbortConnection) { context.Abort(); return; }
        context.Response.StatusCode = behavior.ProbeStatus ?? behavior.Status;
        await context.Response.WriteAsJsonAsync(new { @object = "list", data = new[] { new { id = "upstream-model", @object = "model" } } });
    }

    private async Task ChatCompletionsAsync(HttpContext context)
    {
        var behavior = Script.TryDequeue(out var scripted) ? scripted : Behavior;
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
        Requests.Enqueue(new RecordedRequest("POST", "/v1/chat/completions", context.Request.Headers.Authorization.ToString(), body)
        {
            TraceParent = context.Request.Headers["traceparent"].ToString(),
        });

        if (await FailedAsync(context, behavior))
            return;

        var stream = body.TryGetProperty("stream", out var s) && s.GetBoolean();
        if (behavior.Frames is { } frames)
        {
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await WriteFramesAsync(context, frames);
            return;
        }
        if (stream && behavior.RawStream is { } rawStream)
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(rawStream, Encoding.UTF8);
            return;
        }
        if (!stream && behavior.RawBody is { } rawBody)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(rawBody, Encoding.UTF8);
            return;
        }
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-upstream",
                @object = "chat.completion",
                created = 1,
                model = body.GetProperty("model").GetString(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(behavior.Chunks) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = behavior.PromptTokens, completion_tokens = behavior.CompletionTokens, total_tokens = behavior.PromptTokens + behavior.CompletionTokens },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 0; i < behavior.LeadingComments; i++)
        {
            await context.Response.WriteAsync(": PROCESSING\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(behavior.CommentInterval, context.RequestAborted);
        }
        for (var i = 0; i < behavior.Chunks.Length; i++)
        {
            if (i > 0 && behavior.ChunkDelay > TimeSpan.Zero) await Task.Delay(behavior.ChunkDelay, context.RequestAborted);
            if (behavior.DisconnectAfterChunks == i) { context.Abort(); return; }
            if (behavior.UsageBeforeChunk == i) await WriteUsageAsync(context, behavior);
            await WriteEventAsync(context, new { id = "c", @object = "chat.completion.chunk", created = 1, model = "m", choices = new[] { new { index = 0, delta = new { content = behavior.Chunks[i] }, finish_reason = (string?)null } } });
        }
        await WriteEventAsync(context, new { id = "c", @object = "chat.completion.chunk", created = 1, model = "m", choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } });
        if (behavior.UsageBeforeChunk is null) await WriteUsageAsync(context, behavior);
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>
    /// <c>POST /v1/embeddings</c>: the behaviour's <see cref="UpstreamBehavior.RawBody"/> as it is, else one two-number
    /// vector per call with <see cref="UpstreamBehavior.PromptTokens"/> as its usage; failures as for chat.
    /// </summary>
    private Task EmbeddingsAsync(HttpContext context) => OperationAsync(context, "/v1/embeddings", static (body, behavior) => new
    {
        @object = "list",
        data = new[] { new { @object = "embedding", index = 0, embedding = new[] { 0.6, -0.8 } } },
        model = body.GetProperty("model").GetString(),
        usage = new { prompt_tokens = behavior.PromptTokens, total_tokens = behavior.PromptTokens },
    });

    /// <summary>
    /// <c>POST /v1/images/generations</c>: the behaviour's <see cref="UpstreamBehavior.RawBody"/> as it is, else one
    /// picture per <c>n</c> as a URL (<c>https://images.example/{i}.png</c>); failures as for chat.
    /// </summary>
    private Task ImagesAsync(HttpContext context) => OperationAsync(context, "/v1/images/generations", static (body, _) => new
    {
        created = 1,
        data = Enumerable.Range(0, body.TryGetProperty("n", out var n) ? n.GetInt32() : 1).Select(i => new { url = $"https://images.example/{i}.png" }).ToArray(),
    });

    /// <summary>
    /// <c>POST /v1/completions</c>: the behaviour's <see cref="UpstreamBehavior.RawBody"/> as it is, else one choice of
    /// the behaviour's chunks with <see cref="UpstreamBehavior.PromptTokens"/> and <see cref="UpstreamBehavior.CompletionTokens"/>
    /// as its usage; failures as for chat.
    /// </summary>
    private Task CompletionsAsync(HttpContext context) => OperationAsync(context, "/v1/completions", static (body, behavior) => new
    {
        id = "cmpl-upstream",
        @object = "text_completion",
        created = 1,
        model = body.GetProperty("model").GetString(),
        choices = new[] { new { text = string.Concat(behavior.Chunks), index = 0, logprobs = (object?)null, finish_reason = "stop" } },
        usage = new { prompt_tokens = behavior.PromptTokens, completion_tokens = behavior.CompletionTokens, total_tokens = behavior.PromptTokens + behavior.CompletionTokens },
    });

    /// <summary>Records a JSON request to <paramref name="path"/>, then fails as the behaviour says or answers its raw body, else <paramref name="answer"/>'s.</summary>
    private async Task OperationAsync(HttpContext context, string path, Func<JsonElement, UpstreamBehavior, object> answer)
    {
        var behavior = Script.TryDequeue(out var scripted) ? scripted : Behavior;
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        var body = JsonDocument.Parse(raw).RootElement.Clone();
        Requests.Enqueue(new RecordedRequest("POST", path, context.Request.Headers.Authorization.ToString(), body)
        {
            TraceParent = context.Request.Headers["traceparent"].ToString(),
            RawBody = raw,
        });
        if (await FailedAsync(context, behavior))
            return;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(behavior.RawBody ?? JsonSerializer.Serialize(answer(body, behavior)), Encoding.UTF8);
    }

    /// <summary>Aborts, delays or answers the behaviour's failed status; false when the request is to be answered.</summary>
    private static async Task<bool> FailedAsync(HttpContext context, UpstreamBehavior behavior)
    {
        if (behavior.AbortConnection) { context.Abort(); return true; }
        if (behavior.HeaderDelay > TimeSpan.Zero) await Task.Delay(behavior.HeaderDelay, context.RequestAborted);
        if (behavior.Status == 200)
            return false;
        context.Response.StatusCode = behavior.Status;
        if (behavior.RetryAfter is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter;
        if (behavior.ErrorBody is { } errorBody)
        {
            context.Response.ContentType = behavior.ErrorContentType;
            await context.Response.WriteAsync(errorBody);
            return true;
        }
        await context.Response.WriteAsJsonAsync(new { error = new { message = "fake upstream failure", type = "server_error" } });
        return true;
    }

    /// <summary>Writes and flushes each frame, waiting its delay after it.</summary>
    internal static async Task WriteFramesAsync(HttpContext context, IReadOnlyList<UpstreamFrame> frames)
    {
        await context.Response.StartAsync(context.RequestAborted);
        foreach (var frame in frames)
        {
            await context.Response.Body.WriteAsync(frame.Bytes, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (frame.DelayAfter > TimeSpan.Zero) await Task.Delay(frame.DelayAfter, context.RequestAborted);
        }
    }

    private static Task WriteUsageAsync(HttpContext context, UpstreamBehavior behavior) =>
        WriteEventAsync(context, new { id = "c", @object = "chat.completion.chunk", created = 1, model = "m", choices = Array.Empty<object>(), usage = new { prompt_tokens = behavior.PromptTokens, completion_tokens = behavior.CompletionTokens, total_tokens = behavior.PromptTokens + behavior.CompletionTokens } });

    private static async Task WriteEventAsync(HttpContext context, object payload)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(payload) + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
