using System.Text;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An answer of an Anthropic upstream is measured from its <c>usage</c>, in OpenAI's terms: the prompt is
/// <c>input_tokens</c> plus the cache writes and reads Anthropic counts apart, the cache reads its cached part.
/// Metrics, the attempt's GenAI span and the client's credits get those counts, and an OpenAI client sees them as
/// <c>prompt_tokens</c> and <c>prompt_tokens_details.cached_tokens</c>.
/// </summary>
public sealed class AnthropicUpstreamAccountingTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const string Model = "test/claude-priced";
    // Its own upstream model id: the span listener sees every gateway of the test run.
    private const string UpstreamModel = "claude-accounting-upstream";
    private const decimal Credits = 10m;

    // text.json and text.sse with 100 tokens written to the prompt cache and 2,000 read from it.
    private const int CacheWrites = 100;
    private const int CacheReads = 2000;
    private const int MessagePrompt = 12 + CacheWrites + CacheReads;
    private const int MessageOutput = 17;
    private const int StreamPrompt = 25 + CacheWrites + CacheReads;
    private const int StreamOutput = 15;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_messages_answer_is_counted_in_metrics_span_and_credits_from_the_upstreams_usage(bool stream)
    {
        await using var relay = await StartAsync();
        using var admin = new AdminClient(relay.Gateway);
        var (user, key) = await admin.CreateFundedKeyAsync($"messages-{stream}@example.com", Credits);
        using var spans = new AttemptSpans(UpstreamModel);
        var client = relay.Gateway.CreateAnthropicClient(key);
        var ask = new MessageCreateParams { Model = Model, MaxTokens = 256, Messages = [new UserMessageParam { Content = "Hi" }] };

        if (stream)
            await foreach (var _ in client.Messages.CreateStreaming(ask)) { }
        else
            await client.Messages.Create(ask);

        var (prompt, output) = stream ? (StreamPrompt, StreamOutput) : (MessagePrompt, MessageOutput);
        var metrics = await relay.Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", AnthropicRelayGateway.Provider), ("model", Model), ("status", "success")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model)).ShouldBe(1);
        (await relay.TokensUsedAsync("input", Model)).ShouldBe(prompt);
        (await relay.TokensUsedAsync("output", Model)).ShouldBe(output);
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe((double)Cost(prompt, output), 1e-9);
        var span = await spans.SingleAsync();
        span.GetTagItem("gen_ai.provider.name").ShouldBe(AnthropicRelayGateway.Provider);
        // The model the upstream says answered; a stream's attempt span does not record one.
        if (!stream) span.GetTagItem("gen_ai.response.model").ShouldBe(AnthropicRelayGateway.UpstreamModel);
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(prompt);
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(output);
        (await BalanceAsync(admin, user, Credits - Cost(prompt, output))).ShouldBe(Credits - Cost(prompt, output));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_openai_client_sees_cache_reads_as_cached_prompt_tokens_and_is_charged_the_whole_prompt(bool stream)
    {
        await using var relay = await StartAsync();
        using var admin = new AdminClient(relay.Gateway);
        var (user, key) = await admin.CreateFundedKeyAsync($"openai-{stream}@example.com", Credits);
        var chat = relay.Gateway.CreateOpenAiClient(key).GetChatClient(Model);

        ChatTokenUsage? usage = null;
        var text = new StringBuilder();
        if (stream)
        {
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
            {
                foreach (var part in update.ContentUpdate) text.Append(part.Text);
                usage ??= update.Usage;
            }
        }
        else
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hi")]);
            text.Append(completion.Content[0].Text);
            usage = completion.Usage;
        }

        var (prompt, output) = stream ? (StreamPrompt, StreamOutput) : (MessagePrompt, MessageOutput);
        text.ToString().ShouldNotBeEmpty();
        usage.ShouldNotBeNull();
        usage.InputTokenCount.ShouldBe(prompt);
        (usage.InputTokenDetails?.CachedTokenCount).ShouldBe(CacheReads);
        usage.OutputTokenCount.ShouldBe(output);
        usage.TotalTokenCount.ShouldBe(prompt + output);
        (await BalanceAsync(admin, user, Credits - Cost(prompt, output))).ShouldBe(Credits - Cost(prompt, output));
    }

    [Theory]
    [InlineData("""{"output_tokens":15}""")]
    [InlineData("""{"input_tokens":25,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":15}""")]
    [InlineData("""{"input_tokens":25,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"output_tokens":15}""")]
    [InlineData("""{"input_tokens":null,"output_tokens":15}""")]
    public async Task A_streams_prompt_counts_are_message_starts_unless_its_message_delta_gives_them(string deltaUsage)
    {
        await using var relay = await StartAsync();
        const string OutputOnly = "\"usage\":{\"output_tokens\":15}";
        var upstream = relay.Anthropic.Behavior.RawStream!;
        upstream.ShouldContain(OutputOnly);
        relay.Anthropic.Behavior = relay.Anthropic.Behavior with { RawStream = upstream.Replace(OutputOnly, $"\"usage\":{deltaUsage}") };
        using var admin = new AdminClient(relay.Gateway);
        var (_, key) = await admin.CreateFundedKeyAsync("delta@example.com", Credits);

        ChatTokenUsage? usage = null;
        await foreach (var update in relay.Gateway.CreateOpenAiClient(key).GetChatClient(Model).CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
            usage ??= update.Usage;

        usage.ShouldNotBeNull();
        usage.InputTokenCount.ShouldBe(StreamPrompt);
        (usage.InputTokenDetails?.CachedTokenCount).ShouldBe(CacheReads);
        usage.OutputTokenCount.ShouldBe(StreamOutput);
    }

    /// <summary>A gateway on a fresh account database whose priced model is routed to the fake Anthropic upstream, answering with cache usage.</summary>
    private async Task<AnthropicRelayGateway> StartAsync()
    {
        var relay = await AnthropicRelayGateway.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:gatewayz"] = await storage.NewDatabaseAsync(),
            ["Gatewayz:AdminToken"] = AdminClient.Token,
            ["Gatewayz:BalanceCacheSeconds"] = "0",
            [$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = "1000",
            [$"Gatewayz:Models:{Model}:Pricing:OutputPerMillion"] = "2000",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = AnthropicRelayGateway.Provider,
            [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = UpstreamModel,
        });
        relay.Anthropic.Behavior = new UpstreamBehavior
        {
            RawBody = WithCacheUsage(WireFixtures.Anthropic("text.json"), "\"input_tokens\":12,"),
            RawStream = WithCacheUsage(WireFixtures.Anthropic("text.sse"), "\"input_tokens\":25,"),
        };
        return relay;
    }

    private static string WithCacheUsage(string answer, string inputTokens)
    {
        var none = inputTokens + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0";
        answer.ShouldContain(none);
        return answer.Replace(none, $"{inputTokens}\"cache_creation_input_tokens\":{CacheWrites},\"cache_read_input_tokens\":{CacheReads}");
    }

    /// <summary>$1 per thousand prompt tokens, $2 per thousand output tokens.</summary>
    private static decimal Cost(int prompt, int output) => (prompt * 1000m + output * 2000m) / 1_000_000m;

    /// <summary>The user's balance once the debit has been written (debits are queued), or as it is after 15 s.</summary>
    private static Task<decimal> BalanceAsync(AdminClient admin, Guid user, decimal expected) =>
        Eventually.ReturnsAsync(() => admin.BalanceAsync(user), balance => balance == expected);
}
