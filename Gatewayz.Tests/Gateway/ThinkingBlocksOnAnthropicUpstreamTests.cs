using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An OpenAI client of an Anthropic model gets the model's reasoning blocks with their signatures as
/// <c>thinking_blocks</c> (LiteLLM's convention), in a whole answer and in a stream, and what it sends back in
/// an assistant message's <c>thinking_blocks</c> reaches the Anthropic upstream as signed thinking blocks ahead of
/// the turn's text and tool use — so a tool-use loop with thinking survives the round trip through OpenAI's format.
/// </summary>
public sealed class ThinkingBlocksOnAnthropicUpstreamTests : IAsyncLifetime
{
    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds7SoSmRp0/5nO0lDH3Si0sR0Dd8JMvx1rFqdXHB39+z+YsvG5j1VCQ=";
    private const string Redacted = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj2pLmN0VCyXCcIbVxz9";

    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task A_whole_answer_carries_each_reasoning_block_with_its_signature_and_the_redacted_ones_data()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("thinking.json") };

        var message = await CompleteAsync("""[{"role":"user","content":"sqrt(225)?"}]""");

        message.GetProperty("reasoning_content").GetString().ShouldBe("To find the square root of 225, I recall that 15 x 15 = 225.");
        message.GetProperty("thinking_blocks").ShouldBeJson($$"""
            [{"type":"thinking","thinking":"To find the square root of 225, I recall that 15 x 15 = 225.","signature":"{{Signature}}"},
             {"type":"redacted_thinking","data":"{{Redacted}}"}]
            """);
        message.GetProperty("content").GetString().ShouldBe("The square root of 225 is 15.");
    }

    [Fact]
    public async Task A_stream_merged_as_the_OpenAI_SDKs_merge_it_has_the_whole_answers_thinking_blocks()
    {
        // The same answer — two signed thinking blocks around a redacted one, then text — whole and streamed.
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("thinking-blocks.json") };
        var whole = await CompleteAsync("""[{"role":"user","content":"17 x 24?"}]""", ",\"reasoning_effort\":\"low\"");
        whole.GetProperty("thinking_blocks").GetArrayLength().ShouldBe(3);
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("thinking-blocks.sse") };
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", Json(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}","stream":true,"reasoning_effort":"low","messages":[{"role":"user","content":"17 x 24?"}]}"""));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);

        // Each chunk's delta merged into the message as openai-python and openai-node merge it.
        var python = new JsonObject();
        var node = new JsonObject();
        foreach (var data in SseText.JsonEvents(body))
        {
            var delta = JsonNode.Parse(data)!["choices"]!.AsArray().Single()!["delta"]!.AsObject();
            OpenAiSdkAccumulation.PythonAccumulateDelta(python, delta);
            OpenAiSdkAccumulation.NodeAssignUnknownDeltaFields(node, delta);
        }

        var expected = whole.GetProperty("thinking_blocks").GetRawText();
        JsonElement.Parse(python["thinking_blocks"]!.ToJsonString()).ShouldBeJson(expected);
        JsonElement.Parse(node["thinking_blocks"]!.ToJsonString()).ShouldBeJson(expected);
        python["reasoning_content"]!.GetValue<string>().ShouldBe(whole.GetProperty("reasoning_content").GetString());
        python["content"]!.GetValue<string>().ShouldBe(whole.GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_answer_sent_back_as_history_reaches_the_upstream_with_its_signed_blocks_first()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("thinking.json") };
        var answer = await CompleteAsync("""[{"role":"user","content":"sqrt(225)?"}]""");

        // The client sends the assistant message back as it received it, then asks on.
        await CompleteAsync($$"""[{"role":"user","content":"sqrt(225)?"},{{answer.GetRawText()}},{"role":"user","content":"And sqrt(256)?"}]""");

        _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("messages").ShouldBeJson($$"""
            [{"role":"user","content":[{"type":"text","text":"sqrt(225)?"}]},
             {"role":"assistant","content":[
               {"type":"thinking","thinking":"To find the square root of 225, I recall that 15 x 15 = 225.","signature":"{{Signature}}"},
               {"type":"redacted_thinking","data":"{{Redacted}}"},
               {"type":"text","text":"The square root of 225 is 15."}]},
             {"role":"user","content":[{"type":"text","text":"And sqrt(256)?"}]}]
            """);
    }

    [Fact]
    public async Task Thinking_blocks_of_a_tool_call_turn_go_ahead_of_its_text_and_tool_use()
    {
        await CompleteAsync("""
            [{"role":"user","content":"Weather in Paris?"},
             {"role":"assistant","content":"Let me look.","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}],
              "reasoning_content":"The user wants the weather.","thinking_blocks":[{"type":"thinking","thinking":"The user wants the weather.","signature":"sig-1"}]},
             {"role":"tool","tool_call_id":"toolu_1","content":"18C"}]
            """, ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""");

        _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("messages")[1].ShouldBeJson("""
            {"role":"assistant","content":[
              {"type":"thinking","thinking":"The user wants the weather.","signature":"sig-1"},
              {"type":"text","text":"Let me look."},
              {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]}
            """);
    }

    [Theory]
    [InlineData("""[{"type":"thinking","thinking":"unsigned"}]""", "messages[1].thinking_blocks[0].signature")]
    [InlineData("""[{"type":"thinking","thinking":"x","signature":""}]""", "messages[1].thinking_blocks[0].signature")]
    [InlineData("""[{"type":"redacted_thinking"}]""", "messages[1].thinking_blocks[0].data")]
    [InlineData("""[{"type":"summary","text":"x"}]""", "messages[1].thinking_blocks[0].type")]
    [InlineData("""{"type":"thinking"}""", "messages[1].thinking_blocks")]
    public async Task Thinking_blocks_anthropic_would_not_take_back_are_a_400_naming_them(string blocks, string param)
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", Json($$"""
            {"model":"{{AnthropicRelayGateway.Model}}","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello","thinking_blocks":{{blocks}}},{"role":"user","content":"Go on"}]}
            """));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonElement.Parse(body).GetProperty("error").GetProperty("param").GetString().ShouldBe(param);
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Method == "POST");
    }

    /// <summary>A non-streamed completion of <paramref name="messages"/> (and more top-level fields); its choice's message.</summary>
    private async Task<JsonElement> CompleteAsync(string messages, string more = "")
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", Json($$"""{"model":"{{AnthropicRelayGateway.Model}}","messages":{{messages}}{{more}}}"""));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonElement.Parse(body).GetProperty("choices")[0].GetProperty("message");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
