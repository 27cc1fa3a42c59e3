using System.Collections.Concurrent;
using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A client that reads part of a streamed answer and disconnects is charged for what it was delivered:
/// the upstream's usage if it reported one before the disconnect, otherwise the prompt estimate plus an
/// estimate of the delivered text. Counted as <c>cancelled</c>, with tokens and cost, exactly once.
/// </summary>
public sealed class AbandonedStreamTests : IAsyncLifetime
{
    private const string Model = "test/abandoned";
    private const string UpstreamModel = "abandoned-upstream-model";
    private const int ChunkCount = 300;
    private const string Word = "word ";
    private const string Prompt = "Tell me a long story about a lighthouse keeper and the sea.";

    private readonly ConcurrentQueue<RequestOutcome> _outcomes = new();
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        // Slow enough that the client leaves long before the end (30 s), whatever the machine's load.
        _upstream.Behavior = new UpstreamBehavior { Chunks = Enumerable.Repeat(Word, ChunkCount).ToArray(), ChunkDelay = TimeSpan.FromMilliseconds(100) };
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:primary:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:primary:BaseUrl"] = _upstream.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = "1000000",
            [$"Gatewayz:Models:{Model}:Pricing:OutputPerMillion"] = "2000000",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "primary",
            [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = UpstreamModel,
        }, services => services.AddSingleton<IRealtimeMetricsWriter>(new CapturingRealtimeWriter(_outcomes)));
    }

    [Fact]
    public async Task Chat_stream_abandoned_after_a_few_chunks_is_charged_the_estimate_of_what_was_delivered()
    {
        using var spans = new AttemptSpans(UpstreamModel);
        using var http = _gateway.CreateHttpClient();

        await AbandoningClient.ReadThenLeaveAsync(http, "/v1/chat/completions", ChatBody(), "\"content\":\"word \"", events: 6);

        var metrics = await CancelledMetricsAsync();
        var input = Tokens(metrics, "input");
        var output = Tokens(metrics, "output");
        input.ShouldBeGreaterThan(0, "the prompt, estimated as at admission");
        output.ShouldBeGreaterThan(0, "six chunks reached the client");
        output.ShouldBeLessThan(ChunkCount * Word.Length / 4.0, "only the delivered part, not the whole answer");
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(input + 2 * output, 1e-6);
        MetricsText.Sum(metrics, "gatewayz_credits_used_total", ("model", Model)).ShouldBe(input + 2 * output, 1e-6);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model)).ShouldBe(1, "exactly once");

        var outcome = _outcomes.ShouldHaveSingleItem();
        outcome.Model.ShouldBe(Model);
        outcome.InputTokens.ShouldBe((int)input);
        outcome.OutputTokens.ShouldBe((int)output);
        outcome.Cost.ShouldBeGreaterThan(0m);
        var span = await spans.SingleAsync();
        span.GetTagItem("error.type").ShouldBe("cancelled");
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe((int)output);
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe((int)input);
    }

    [Fact]
    public async Task Chat_stream_abandoned_after_the_upstream_reported_usage_is_charged_the_upstreams_numbers()
    {
        _upstream.Behavior = _upstream.Behavior with { UsageBeforeChunk = 2, PromptTokens = 1234, CompletionTokens = 567 };
        using var http = _gateway.CreateHttpClient();

        await AbandoningClient.ReadThenLeaveAsync(http, "/v1/chat/completions", ChatBody(), "\"content\":\"word \"", events: 6);

        var metrics = await CancelledMetricsAsync();
        Tokens(metrics, "input").ShouldBe(1234);
        Tokens(metrics, "output").ShouldBe(567);
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(1234 + 2 * 567, 1e-6);
        _outcomes.ShouldHaveSingleItem().OutputTokens.ShouldBe(567);
    }

    [Fact]
    public async Task Messages_stream_abandoned_after_a_few_deltas_is_charged_too()
    {
        using var http = _gateway.CreateHttpClient();

        await AbandoningClient.ReadThenLeaveAsync(http, "/v1/messages", MessagesBody(), "text_delta", events: 6);

        var metrics = await CancelledMetricsAsync();
        Tokens(metrics, "input").ShouldBeGreaterThan(0);
        var output = Tokens(metrics, "output");
        output.ShouldBeGreaterThan(0);
        output.ShouldBeLessThan(ChunkCount * Word.Length / 4.0);
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBeGreaterThan(0);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model)).ShouldBe(1);
    }

    [Fact]
    public async Task Stream_abandoned_before_any_text_was_delivered_is_charged_only_what_the_upstream_reported()
    {
        // The stream opens on an early usage chunk without text; the first text comes too late.
        _upstream.Behavior = new UpstreamBehavior
        {
            Chunks = ["", "late"], ChunkDelay = TimeSpan.FromSeconds(30), UsageBeforeChunk = 0, PromptTokens = 21, CompletionTokens = 2,
        };
        using var http = _gateway.CreateHttpClient();

        // message_start reaches the client; no content block does, as blocks open with their first delta.
        await AbandoningClient.ReadThenLeaveAsync(http, "/v1/messages", MessagesBody(), "message_start", events: 1);

        var metrics = await CancelledMetricsAsync();
        Tokens(metrics, "input").ShouldBe(21, "the upstream's report, no prompt estimate on top");
        Tokens(metrics, "output").ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model)).ShouldBe(1);
    }

    [Fact]
    public async Task Client_gone_before_the_first_chunk_is_charged_nothing()
    {
        _upstream.Behavior = new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(30) };
        using var http = _gateway.CreateHttpClient();
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(ChatBody()) };
        request.Content.Headers.ContentType = new("application/json");
        var sending = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);

        (await Eventually.TrueAsync(() => Task.FromResult(_upstream.ChatRequestCount == 1))).ShouldBeTrue();
        await leave.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => sending);

        var metrics = await CancelledMetricsAsync();
        Tokens(metrics, "input").ShouldBe(0);
        Tokens(metrics, "output").ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(0);
        _outcomes.ShouldBeEmpty("nothing was delivered and the provider did not answer");
    }

    private async Task<string> CancelledMetricsAsync()
    {
        var metrics = await Eventually.ReturnsAsync(_gateway.ScrapeMetricsAsync,
            text => MetricsText.Sum(text, "gatewayz_inference_requests_total", ("model", Model), ("status", "cancelled")) >= 1,
            TimeSpan.FromSeconds(20));
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("model", Model), ("status", "cancelled")).ShouldBe(1);
        return metrics;
    }

    private static double Tokens(string metrics, string type) =>
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Model), ("token_type", type));

    private static string ChatBody() => JsonSerializer.Serialize(new
    {
        model = Model,
        stream = true,
        stream_options = new { include_usage = true },
        messages = new[] { new { role = "user", content = Prompt } },
    });

    private static string MessagesBody() => JsonSerializer.Serialize(new
    {
        model = Model,
        stream = true,
        max_tokens = 2000,
        messages = new[] { new { role = "user", content = Prompt } },
    });

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}
