using System.Text;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>Text, finish reason, usage and model read forward from an upstream's completion and chunks.</summary>
public sealed class OpenAiResponseReaderTests
{
    private static readonly UpstreamRedactor Redactor = new(null, null);

    [Fact]
    public void Completion_yields_the_first_choice_usage_and_model_whatever_the_property_order()
    {
        var completion = Read("""
            {"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"completion_tokens_details":{"reasoning_tokens":0}},
             "choices":[{"finish_reason":"length","message":{"role":"assistant","content":"Hi \"there\"","annotations":[]}},{"message":{"content":"second"}}],
             "model":"gpt-4o-mini-2024-07-18","id":"chatcmpl-1"}
            """);

        completion.ShouldBe(new ChatCompletion("Hi \"there\"", "length", new TokenUsage(12, 5), "gpt-4o-mini-2024-07-18"));
    }

    [Fact]
    public void Completion_without_usage_content_or_finish_reason_falls_back_to_estimates_and_stop()
    {
        var completion = Read("""{"choices":[{"message":{"role":"assistant","content":null}}],"usage":null,"model":42}""", estimatedInputTokens: 9);

        completion.ShouldBe(new ChatCompletion("", FinishReasons.Stop, new TokenUsage(9, 0), null));
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choices":{}}""")]
    [InlineData("""{"choices":[{"finish_reason":"stop"}]}""")]
    [InlineData("""{"choices":[{"message":"text"}]}""")]
    [InlineData("""{"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens":"many","completion_tokens":1}}""")]
    [InlineData("""{"choices":[{"message":{"content":"a"}}]} trailing""")]
    [InlineData("""[{"choices":[]}]""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public void Completion_the_gateway_cannot_read_is_an_invalid_response(string json)
    {
        var failure = Should.Throw<UpstreamException>(() => Read(json));

        failure.Kind.ShouldBe(UpstreamFailureKind.InvalidResponse);
    }

    [Fact]
    public void Chunk_with_text_and_finish_reason_is_read()
    {
        Chunk("""{"id":"c","choices":[{"index":0,"delta":{"content":"caf\u00e9"},"logprobs":null,"finish_reason":"stop"}],"usage":null}""", out var chunk).ShouldBeTrue();

        chunk.ShouldBe(new ChatChunk("café", "stop"));
    }

    [Fact]
    public void Usage_only_chunk_is_read()
    {
        Chunk("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""", out var chunk).ShouldBeTrue();

        chunk.ShouldBe(new ChatChunk(null, null, new TokenUsage(3, 4)));
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")]
    [InlineData("""{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{}}]}""")]
    [InlineData("""{"choices":null,"usage":{"prompt_tokens":3}}""")]
    public void Chunk_that_carries_nothing_is_skipped(string payload) => Chunk(payload, out _).ShouldBeFalse();

    [Fact]
    public void Chunk_that_is_not_json_is_an_invalid_response()
    {
        var failure = Should.Throw<UpstreamException>(() => Chunk("""{"choices":[{"delta":""", out _));

        failure.Kind.ShouldBe(UpstreamFailureKind.InvalidResponse);
    }

    private static ChatCompletion Read(string json, int estimatedInputTokens = 1) =>
        OpenAiResponseReader.ReadCompletion(Encoding.UTF8.GetBytes(json), estimatedInputTokens, "upstream", Redactor);

    private static bool Chunk(string payload, out ChatChunk chunk) => OpenAiResponseReader.TryReadChunk(Encoding.UTF8.GetBytes(payload), out chunk, "upstream", Redactor);
}
