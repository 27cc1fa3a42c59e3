using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> as raw HTTP: the gateway's estimate over the whole prompt, the body
/// refused as <c>/v1/messages</c> refuses it (but without <c>max_tokens</c>), errors in Anthropic's format, and
/// one request of the key's budgets, no tokens.
/// </summary>
public sealed class CountTokensTests : IDisposable
{
    private const string Tool = """{"name":"get_weather","description":"The weather in a city.","input_schema":{"type":"object","properties":{"city":{"type":"string","description":"The city's English name."}},"required":["city"]}}""";
    private const string Image = """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}""";

    // A count costs no tokens: a budget of one token is never reached.
    private GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:RateLimits:KeyTokensPerMinute"] = "1" });

    [Fact]
    public async Task Count_grows_with_text_system_tools_and_images()
    {
        var hello = await CountAsync("""{"model":"anthropic/claude-3-5-haiku","messages":[{"role":"user","content":"Hello"}]}""");
        var longer = await CountAsync($$"""{"model":"anthropic/claude-3-5-haiku","messages":[{"role":"user","content":"{{new string('a', 400)}}"}]}""");
        var withSystem = await CountAsync($$"""{"model":"anthropic/claude-3-5-haiku","system":[{"type":"text","text":"Be terse."}],"messages":[{"role":"user","content":"{{new string('a', 400)}}"}]}""");
        var withTool = await CountAsync($$"""{"model":"anthropic/claude-3-5-haiku","system":[{"type":"text","text":"Be terse."}],"tools":[{{Tool}}],"messages":[{"role":"user","content":"{{new string('a', 400)}}"}]}""");
        var withImage = await CountAsync($$"""{"model":"anthropic/claude-3-5-haiku","system":[{"type":"text","text":"Be terse."}],"tools":[{{Tool}}],"messages":[{"role":"user","content":[{{Image}},{"type":"text","text":"{{new string('a', 400)}}"}]}]}""");

        hello.ShouldBeGreaterThan(0);
        longer.ShouldBe(hello + 100 - 2);
        withSystem.ShouldBeGreaterThan(longer);
        withTool.ShouldBeGreaterThan(withSystem + Tool.Length / 8);
        withImage.ShouldBe(withTool + 1600);
    }

    [Fact]
    public async Task Tool_use_history_counts_both_the_call_and_its_result()
    {
        const string Question = """{"role":"user","content":"Weather in Paris?"}""";
        const string Call = """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]}""";
        const string Result = """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C and sunny, light wind from the west"}]}""";

        var asked = await CountAsync($$"""{"model":"deepseek/deepseek-v3","tools":[{{Tool}}],"messages":[{{Question}}]}""");
        var called = await CountAsync($$"""{"model":"deepseek/deepseek-v3","tools":[{{Tool}}],"messages":[{{Question}},{{Call}}]}""");
        var answered = await CountAsync($$"""{"model":"deepseek/deepseek-v3","tools":[{{Tool}}],"messages":[{{Question}},{{Call}},{{Result}}]}""");

        called.ShouldBeGreaterThan(asked);
        answered.ShouldBeGreaterThan(called + 8);
    }

    [Fact]
    public async Task Bearer_key_and_max_tokens_are_accepted_too()
    {
        using var client = _gateway.CreateHttpClient();

        var response = await client.PostAsync("/v1/messages/count_tokens",
            Json("""{"model":"openai/gpt-4o","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.EnumerateObject().Select(property => property.Name).ShouldBe(["input_tokens"]);
    }

    [Fact]
    public async Task Errors_are_anthropic_shaped()
    {
        using var anonymous = _gateway.CreateHttpClient(apiKey: null);
        await ShouldBeAnthropicError(await anonymous.PostAsync("/v1/messages/count_tokens", Json("""{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]}""")), 401, "authentication_error");

        using var client = AnthropicClient();
        await ShouldBeAnthropicError(await client.PostAsync("/v1/messages/count_tokens", Json("""{"model":"acme/no-such:model","messages":[{"role":"user","content":"Hi"}]}""")), 404, "not_found_error");
        await ShouldBeAnthropicError(await client.PostAsync("/v1/messages/count_tokens", Json("""{"model":"openai/gpt-4o"}""")), 400, "invalid_request_error");
        await ShouldBeAnthropicError(await client.PostAsync("/v1/messages/count_tokens", Json("""{"model":"openai/gpt-4o","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""")), 400, "invalid_request_error");
        await ShouldBeAnthropicError(await client.PostAsync("/v1/messages/count_tokens", Json("""{"model":"openai/gpt-4o","messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}]}""")), 400, "invalid_request_error");
        await ShouldBeAnthropicError(await client.GetAsync("/v1/messages/count_tokens"), 405, "invalid_request_error");
    }

    [Fact]
    public async Task Each_count_is_one_request_of_the_budget()
    {
        _gateway.Dispose();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "2",
            ["Gatewayz:RateLimits:KeyTokensPerMinute"] = "1",
        });
        using var client = AnthropicClient();
        var body = $$"""{"model":"openai/gpt-4o","messages":[{"role":"user","content":"{{new string('x', 4000)}}"}]}""";

        (await client.PostAsync("/v1/messages/count_tokens", Json(body))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/v1/messages/count_tokens", Json(body))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeAnthropicError(await client.PostAsync("/v1/messages/count_tokens", Json(body)), 429, "rate_limit_error");
    }

    private async Task<int> CountAsync(string body)
    {
        using var client = AnthropicClient();
        var response = await client.PostAsync("/v1/messages/count_tokens", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("input_tokens").GetInt32();
    }

    private HttpClient AnthropicClient()
    {
        var client = _gateway.CreateHttpClient(apiKey: null);
        client.DefaultRequestHeaders.Add("x-api-key", GatewayHost.DevelopmentKey);
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public void Dispose() => _gateway.Dispose();
}
