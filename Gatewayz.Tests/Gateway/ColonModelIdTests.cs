using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Model ids containing ':' (configuration's path separator) configured through <c>Gatewayz:ModelList</c>,
/// next to the dictionary form, served end to end: listing, routing, metrics, monitoring, pricing and the response cache.
/// </summary>
public sealed class ColonModelIdTests : IAsyncLifetime
{
    private const string FreeModel = "acme/tiny:free";
    private const string OllamaModel = "llama3:8b";
    private const string DictionaryModel = "test/dictionary";
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:fake:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:fake:BaseUrl"] = _upstream.BaseUrl.ToString(),
            ["Gatewayz:ModelList:0:Id"] = FreeModel,
            ["Gatewayz:ModelList:0:OwnedBy"] = "acme",
            ["Gatewayz:ModelList:0:Pricing:InputPerMillion"] = "1000000",
            ["Gatewayz:ModelList:0:Pricing:OutputPerMillion"] = "2000000",
            ["Gatewayz:ModelList:0:Routes:0:Provider"] = "fake",
            ["Gatewayz:ModelList:0:Routes:0:UpstreamModel"] = "tiny:free-upstream",
            ["Gatewayz:ModelList:1:Id"] = OllamaModel,
            ["Gatewayz:ModelList:1:Routes:0:Provider"] = "fake",
            [$"Gatewayz:Models:{DictionaryModel}:Routes:0:Provider"] = "fake",
            [$"Gatewayz:Models:{DictionaryModel}:Routes:0:UpstreamModel"] = "dictionary-upstream",
        });
    }

    [Fact]
    public async Task Models_endpoint_lists_list_form_ids_with_their_colons_next_to_the_dictionary_form()
    {
        using var client = _gateway.CreateHttpClient();

        var list = await client.GetFromJsonAsync<JsonElement>("/v1/models");

        var entries = list.GetProperty("data").EnumerateArray().ToDictionary(entry => entry.GetProperty("id").GetString()!);
        entries.Keys.ShouldContain(FreeModel);
        entries.Keys.ShouldContain(OllamaModel);
        entries.Keys.ShouldContain(DictionaryModel);
        entries.Keys.ShouldContain("openai/gpt-4o");
        entries.Keys.ShouldNotContain("acme/tiny");
        entries[FreeModel].GetProperty("owned_by").GetString().ShouldBe("acme");
    }

    [Fact]
    public async Task Sdk_model_list_contains_the_colon_id()
    {
        var models = await _gateway.CreateOpenAiClient().GetOpenAIModelClient().GetModelsAsync();

        models.Value.Select(model => model.Id).ShouldContain(FreeModel);
        models.Value.Select(model => model.Id).ShouldContain(OllamaModel);
    }

    [Fact]
    public async Task Sdk_chat_on_a_colon_id_reaches_the_upstream_with_its_upstream_model_id()
    {
        ChatCompletion completion = await _gateway.CreateChatClient(FreeModel).CompleteChatAsync([new UserChatMessage("hello")]);

        completion.Content[0].Text.ShouldBe("Hello from upstream");
        completion.Model.ShouldBe(FreeModel);
        _upstream.Requests.Single().Body!.Value.GetProperty("model").GetString().ShouldBe("tiny:free-upstream");
    }

    [Fact]
    public async Task Colon_id_without_an_upstream_model_is_sent_upstream_as_it_is()
    {
        var pieces = new List<string>();
        await foreach (var update in _gateway.CreateChatClient(OllamaModel).CompleteChatStreamingAsync([new UserChatMessage("hello")]))
            pieces.AddRange(update.ContentUpdate.Select(part => part.Text));

        string.Concat(pieces).ShouldBe("Hello from upstream");
        _upstream.Requests.Single().Body!.Value.GetProperty("model").GetString().ShouldBe(OllamaModel);
    }

    [Fact]
    public async Task Dictionary_form_still_routes()
    {
        ChatCompletion completion = await _gateway.CreateChatClient(DictionaryModel).CompleteChatAsync([new UserChatMessage("hello")]);

        completion.Model.ShouldBe(DictionaryModel);
        _upstream.Requests.Single().Body!.Value.GetProperty("model").GetString().ShouldBe("dictionary-upstream");
    }

    [Fact]
    public async Task Anthropic_messages_serve_a_colon_id()
    {
        using var client = _gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(
            $$"""{"model":"{{FreeModel}}","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model").GetString().ShouldBe(FreeModel);
    }

    [Fact]
    public async Task Metrics_cost_and_monitoring_carry_the_colon_id()
    {
        await _gateway.CreateChatClient(FreeModel).CompleteChatAsync([new UserChatMessage("hello")]);

        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "fake"), ("model", FreeModel), ("status", "success")).ShouldBe(1);
        // 11 input tokens × $1 + 3 output tokens × $2 at the list entry's prices.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", FreeModel)).ShouldBe(17, 1e-9);
        metrics.ShouldNotContain("model=\"acme/tiny\"");

        using var client = _gateway.CreateHttpClient();
        var latency = await Eventually.ReturnsAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/monitoring/latency/fake/{FreeModel}"),
            answer => answer.GetProperty("count").GetInt64() == 1);
        latency.GetProperty("model").GetString().ShouldBe(FreeModel);
        latency.GetProperty("count").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Response_cache_serves_a_colon_id()
    {
        using var client = _gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Add("x-gatewayz-cache", "on");
        var body = $$"""{"model":"{{FreeModel}}","messages":[{"role":"user","content":"cache me"}]}""";

        using var first = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        first.Headers.GetValues("x-gatewayz-cache").Single().ShouldBe("miss");
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues("x-gatewayz-cache").Single().ShouldBe("hit");
        _upstream.ChatRequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_id_sharing_a_colon_ids_prefix_is_404()
    {
        using var client = _gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"acme/tiny","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _upstream.ChatRequestCount.ShouldBe(0);
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
