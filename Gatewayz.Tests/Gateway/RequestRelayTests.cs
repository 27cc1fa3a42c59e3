using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A request for an OpenAI-compatible upstream reaches it as the client sent it, with only the model id
/// (the upstream's own) and, for a stream, <c>stream_options.include_usage</c> changed by the gateway.
/// The requests name <see cref="RelayGateway.Model"/> (<c>test/relay</c>) literally, to read as sent.
/// </summary>
public sealed class RequestRelayTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Fact]
    public async Task Legacy_function_role_message_is_accepted_and_forwarded_as_sent()
    {
        await ForwardedAsSentAsync("""
            {"model":"test/relay",
             "functions":[{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "messages":[
               {"role":"user","content":"What is the weather in Paris?"},
               {"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
               {"role":"function","name":"get_weather","content":"18C"}]}
            """);
    }

    [Fact]
    public async Task Image_url_content_part_reaches_the_upstream_unchanged()
    {
        await ForwardedAsSentAsync("""
            {"model":"test/relay","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in this image?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==","detail":"low"}},
              {"type":"image_url","image_url":{"url":"https://example.com/lighthouse.jpg"}}]}]}
            """);
    }

    [Fact]
    public async Task Assistant_message_with_tool_calls_and_null_content_is_accepted_and_forwarded_as_sent()
    {
        await ForwardedAsSentAsync("""
            {"model":"test/relay","messages":[
              {"role":"user","content":"What is the weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"}]}
            """);
    }

    [Fact]
    public async Task Every_request_field_other_than_the_model_reaches_the_upstream_as_sent()
    {
        await ForwardedAsSentAsync("""
            {"model":"test/relay","messages":[{"role":"developer","content":"Answer in JSON."},{"role":"user","content":"Weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","strict":true,"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
             "n":2,"logprobs":true,"top_logprobs":3,"seed":42,"stop":["\n\n","END"],"temperature":0.2,"top_p":0.9,
             "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"},"strict":true}},
             "max_completion_tokens":64,"reasoning_effort":"low","user":"user-42","metadata":{"team":"a"},"logit_bias":{"50256":-100},
             "x_vendor_option":{"nested":[1,{"a":null}],"flag":true}}
            """);
    }

    [Fact]
    public async Task Stream_options_other_than_include_usage_reach_the_upstream()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("text.sse") };

        var (status, _) = await _relay.PostChatAsync("""
            {"model":"test/relay","stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false},"messages":[{"role":"user","content":"Hi"}]}
            """);

        status.ShouldBe(HttpStatusCode.OK);
        var options = _relay.UpstreamRequest.GetProperty("stream_options").GetRawText();
        JsonDiff.Differences("""{"include_usage":true,"include_obfuscation":false}""", options).ShouldBeEmpty($"the upstream received stream_options {options}");
    }

    /// <summary>The gateway answers 200 and the upstream received the body as sent, but for the upstream's model id.</summary>
    private async Task ForwardedAsSentAsync(string requestBody)
    {
        var (status, body) = await _relay.PostChatAsync(requestBody);

        status.ShouldBe(HttpStatusCode.OK, body);
        _relay.UpstreamRequest.GetProperty("model").GetString().ShouldBe(RelayGateway.UpstreamModel);
        var upstreamRequest = _relay.UpstreamRequest.GetRawText();
        JsonDiff.Differences(requestBody, upstreamRequest, "model").ShouldBeEmpty($"the upstream received:\n{upstreamRequest}");
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
