using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A model whose routes speak different formats: a route whose format cannot express the request is skipped
/// (never sent, counted as a failover with reason <c>untranslatable</c>) and a route of the client's format
/// serves it as sent; only when no route can express it is it a 400 naming what cannot be said.
/// </summary>
public sealed class MixedFormatRoutingTests : IAsyncLifetime
{
    /// <summary>
    /// Blocks and tools only Anthropic's format has: a PDF document with citations, a search result in a tool
    /// result, a Files API image, and the web search server tool.
    /// </summary>
    private const string AnthropicOnlyRequest = """
        {"model":"MODEL","max_tokens":256,
         "messages":[
          {"role":"user","content":[
            {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQK"},"title":"Q3 report","citations":{"enabled":true}},
            {"type":"image","source":{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}},
            {"type":"text","text":"Summarise the report."}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"Q3"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"search_result","source":"https://example.com/q3","title":"Q3","content":[{"type":"text","text":"Revenue up 4%"}]}]}]}],
         "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3},
                  {"name":"lookup","description":"Looks up a report","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}]}
        """;

    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Theory]
    [InlineData(AnthropicRelayGateway.Model)]
    [InlineData(AnthropicRelayGateway.OpenAiFirstModel)]
    public async Task Anthropic_only_blocks_and_tools_reach_an_anthropic_route_as_sent(string model)
    {
        var request = AnthropicOnlyRequest.Replace("MODEL", model);

        var (status, body, response) = await _relay.PostMessagesAsync(request);

        status.ShouldBe(HttpStatusCode.OK, body);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.Provider]);
        _relay.Anthropic.LastMessageRequest.RawBody.ShouldBe(request.Replace($"\"{model}\"", $"\"{AnthropicRelayGateway.UpstreamModel}\""));
        _relay.OpenAi.ChatRequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_skipped_route_counts_as_an_untranslatable_failover()
    {
        var (status, body, _) = await _relay.PostMessagesAsync(AnthropicOnlyRequest.Replace("MODEL", AnthropicRelayGateway.OpenAiFirstModel));

        status.ShouldBe(HttpStatusCode.OK, body);
        var metrics = await _relay.Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", AnthropicRelayGateway.OpenAiProvider), ("reason", "untranslatable")).ShouldBe(1);
        // Skipping is not an attempt: nothing is counted against the upstream or its breaker.
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", AnthropicRelayGateway.OpenAiProvider)).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_failures_total", ("provider", AnthropicRelayGateway.OpenAiProvider)).ShouldBe(0);
    }

    [Theory]
    [InlineData("messages[0].content[0].type", "document")]
    [InlineData("messages[0].content[1].source.type", "Files API image")]
    [InlineData("messages[2].content[0].content[0].type", "search result in a tool result")]
    [InlineData("tools[0].type", "server tool")]
    public async Task With_no_anthropic_route_each_anthropic_only_item_is_a_400_naming_its_path(string path, string what)
    {
        // One Anthropic-only item at a time, in an otherwise plain request, so each one is what is refused.
        using var request = JsonDocument.Parse(AnthropicOnlyRequest.Replace("MODEL", RelayGateway.Model));
        var only = OnlyItem(request.RootElement, what);
        await using var gateway = await RelayGateway.StartAsync();
        using var client = gateway.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(only, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        using var error = JsonDocument.Parse(body);
        error.RootElement.GetProperty("type").GetString().ShouldBe("error");
        error.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("invalid_request_error");
        error.RootElement.GetProperty("error").GetProperty("message").GetString()!.ShouldContain($"'{path}'");
        gateway.Upstream.ChatRequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_openai_request_anthropic_cannot_express_is_served_by_the_openai_route()
    {
        using var client = _relay.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.FailoverModel}}","n":2,"logprobs":true,"messages":[{"role":"user","content":"Hi"}]}""",
            Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.OpenAiProvider]);
        var sent = _relay.OpenAi.Requests.Single(request => request.Method == "POST").Body!.Value;
        sent.GetProperty("n").GetInt32().ShouldBe(2);
        sent.GetProperty("logprobs").GetBoolean().ShouldBeTrue();
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Method == "POST");
    }

    /// <summary>The request with only the item named <paramref name="what"/> among the Anthropic-only ones.</summary>
    private static string OnlyItem(JsonElement request, string what)
    {
        var plainUser = """{"role":"user","content":[{"type":"text","text":"Summarise the report."}]}""";
        var lookup = """{"name":"lookup","description":"Looks up a report","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}""";
        var messages = request.GetProperty("messages");
        var (first, third, tools) = what switch
        {
            "document" => (Replace(messages[0], keep: 0), messages[2].GetRawText(), lookup),
            "Files API image" => (Replace(messages[0], keep: 1), messages[2].GetRawText(), lookup),
            "search result in a tool result" => (plainUser, messages[2].GetRawText(), lookup),
            _ => (plainUser, """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Revenue up 4%"}]}""", $"{request.GetProperty("tools")[0].GetRawText()},{lookup}"),
        };
        return $$"""{"model":"{{RelayGateway.Model}}","max_tokens":256,"messages":[{{first}},{{messages[1].GetRawText()}},{{third}}],"tools":[{{tools}}]}""";

        // The first user message with the one block kept at its index and plain text elsewhere.
        static string Replace(JsonElement message, int keep)
        {
            var blocks = message.GetProperty("content").EnumerateArray()
                .Select((block, i) => i == keep ? block.GetRawText() : """{"type":"text","text":"Summarise the report."}""");
            return $$"""{"role":"user","content":[{{string.Join(",", blocks)}}]}""";
        }
    }
}
