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

        (completion.Content, completion.FinishReason, completion.Usage, completion.UpstreamModel)
            .ShouldBe(("Hi \"there\"", "length", new TokenUsage(12, 5), "gpt-4o-mini-2024-07-18"));
    }

    [Fact]
    public void Completion_without_usage_content_or_finish_reason_falls_back_to_estimates_and_stop()
    {
        var completion = Read("""{"choices":[{"message":{"role":"assistant","content":null}}],"usage":null,"model":42}""", estimatedInputTokens: 9);

        (completion.Content, completion.FinishReason, completion.Usage, completion.UpstreamModel).ShouldBe(("", FinishReasons.Stop, new TokenUsage(9, 0), (string?)null));
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choices":{}}""")]
    [InlineData("""{"choices":[{"finish_reason":"stop"}]}""")]
    [InlineData("""{"choices":[{"message":"text"}]}""")]
    [InlineData("""{"choices":[{"message":{"content":"a"}}]} trailing""")]
    [InlineData("""[{"choices":[]}]""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public void Completion_the_gateway_cannot_read_is_an_invalid_response(string json)
    {
        var failure = Should.Throw<UpstreamException>(() => Read(json));

        failure.Kind.ShouldBe(UpstreamFailureKind.InvalidResponse);
    }

    [Theory]
    [InlineData("""{"prompt_tokens":"many","completion_tokens":1}""")]
    [InlineData("""{"prompt_tokens":11,"completion_tokens":null}""")]
    [InlineData("""{"prompt_tokens":-5,"completion_tokens":-100}""")]
    [InlineData("""{"prompt_tokens":11,"completion_tokens":1.5}""")]
    public void Usage_the_gateway_cannot_use_is_estimated_instead_of_failing_the_answer(string usage)
    {
        var completion = Read($$$"""{"choices":[{"message":{"content":"abcdefgh"}}],"usage":{{{usage}}}}""", estimatedInputTokens: 7);

        completion.Usage.ShouldBe(new TokenUsage(7, 2));
    }

    [Fact]
    public void Usage_with_whole_numbers_written_as_decimals_is_read()
    {
        var completion = Read("""{"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens":11.0,"completion_tokens":3.0}}""");

        completion.Usage.ShouldBe(new TokenUsage(11, 3));
    }

    [Fact]
    public void Completion_estimate_counts_every_choice_and_tool_call_when_usage_is_missing()
    {
        var completion = Read("""
            {"choices":[{"index":0,"message":{"content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"},
                        {"index":1,"message":{"content":"twelve chars"},"finish_reason":"stop"}]}
            """, estimatedInputTokens: 5);

        completion.FinishReason.ShouldBe("tool_calls");
        completion.Content.ShouldBe("");
        // "call_1" + "function" + "get_weather" + the arguments as sent (escaped, 20) + "twelve chars": 57 characters, 15 tokens.
        completion.Usage.ShouldBe(new TokenUsage(5, 15));
    }

    [Fact]
    public void Completion_keeps_the_body_and_where_id_and_model_sit()
    {
        const string json = """{"id":"chatcmpl-up","model":"up-model","choices":[{"message":{"content":"a"}}]}""";
        var completion = Read(json);

        var relayed = Encoding.UTF8.GetString(completion.Payload.ToArray("\"mine\""u8, "\"catalog\""u8));

        relayed.ShouldBe("""{"id":"mine","model":"catalog","choices":[{"message":{"content":"a"}}]}""");
    }

    [Theory]
    [InlineData("""{"choices":[]}""", """{"id":"mine","model":"catalog","choices":[]}""")]
    [InlineData("""{"model":"up","choices":[]}""", """{"id":"mine","model":"catalog","choices":[]}""")]
    [InlineData("""{"choices":[],"id":"up"}""", """{"model":"catalog","choices":[],"id":"mine"}""")]
    [InlineData("""{ }""", """{"id":"mine","model":"catalog" }""")]
    public void Relayed_document_gets_the_gateways_id_and_model_when_the_upstream_left_them_out(string upstream, string relayed)
    {
        var chunk = Chunk(upstream);

        var written = new System.Buffers.ArrayBufferWriter<byte>();
        chunk.Payload.WriteTo(written, "\"mine\""u8, "\"catalog\""u8);

        Encoding.UTF8.GetString(written.WrittenSpan).ShouldBe(relayed);
    }

    [Fact]
    public void Chunk_with_text_and_finish_reason_is_read()
    {
        var chunk = Chunk("""{"id":"c","choices":[{"index":0,"delta":{"content":"caf\u00e9"},"logprobs":null,"finish_reason":"stop"}],"usage":null}""");

        (chunk.Content, chunk.FinishReason, chunk.Usage, chunk.CarriesNothing, chunk.UsageOnly).ShouldBe(("café", "stop", (TokenUsage?)null, false, false));
    }

    [Fact]
    public void Usage_only_chunk_is_read()
    {
        var chunk = Chunk("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");

        (chunk.Content, chunk.Usage, chunk.UsageOnly).ShouldBe(((string?)null, (TokenUsage?)new TokenUsage(3, 4), true));
    }

    [Fact]
    public void Text_of_choice_zero_is_kept_whatever_the_order_of_choices_and_all_output_is_counted()
    {
        var chunk = Chunk("""{"choices":[{"index":1,"delta":{"content":"one"}},{"index":0,"delta":{"content":"zero"},"finish_reason":null}]}""");

        (chunk.Content, chunk.OutputCharacters).ShouldBe(("zero", 7));
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"reasoning_content":"hmm"}}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"refusal":"no"}}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":""},"logprobs":{"content":[]}}]}""")]
    [InlineData("""{"choices":[{"index":3,"delta":{"content":"x"}}]}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"x_vendor_field":"new"}}]}""")]
    public void Chunk_with_output_other_than_text_carries_something(string payload) => Chunk(payload).CarriesNothing.ShouldBeFalse();

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""")]
    [InlineData("""{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{}}]}""")]
    [InlineData("""{"choices":null,"usage":{"prompt_tokens":3}}""")]
    [InlineData("""{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":null}}]}""")]
    public void Chunk_that_carries_nothing_is_marked_so(string payload) => Chunk(payload).CarriesNothing.ShouldBeTrue();

    [Fact]
    public void Chunk_that_is_not_json_is_an_invalid_response()
    {
        var failure = Should.Throw<UpstreamException>(() => Chunk("""{"choices":[{"delta":"""));

        failure.Kind.ShouldBe(UpstreamFailureKind.InvalidResponse);
    }

    private static ChatCompletion Read(string json, int estimatedInputTokens = 1) =>
        OpenAiResponseReader.ReadCompletion(Encoding.UTF8.GetBytes(json), estimatedInputTokens, "upstream", Redactor);

    private static ChatChunk Chunk(string payload) => OpenAiResponseReader.ReadChunk(Encoding.UTF8.GetBytes(payload), "upstream", Redactor);
}
