using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> as raw HTTP: OpenAI's shapes by default, Anthropic's
/// (with its paging) when the request carries <c>anthropic-version</c>; the key in either header; errors in
/// the format of the client that asked.
/// </summary>
public sealed class ModelsEndpointTests : IDisposable
{
    private const string ColonModel = "acme/tiny:free";
    private const string AnthropicVersion = "2023-06-01";

    private readonly GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?>
    {
        ["Gatewayz:ModelList:0:Id"] = ColonModel,
        ["Gatewayz:ModelList:0:OwnedBy"] = "acme",
        ["Gatewayz:ModelList:0:Routes:0:Provider"] = "openrouter",
    });

    [Fact]
    public async Task List_without_anthropic_version_is_openai_shaped_with_either_key_header()
    {
        foreach (var client in new[] { _gateway.CreateHttpClient(), AnthropicKeyClient(version: null) })
        {
            var list = await client.GetFromJsonAsync<JsonElement>("/v1/models");
            client.Dispose();

            list.GetProperty("object").GetString().ShouldBe("list");
            list.TryGetProperty("has_more", out _).ShouldBeFalse();
            var entry = list.GetProperty("data").EnumerateArray().Single(model => model.GetProperty("id").GetString() == ColonModel);
            entry.GetProperty("object").GetString().ShouldBe("model");
            entry.GetProperty("owned_by").GetString().ShouldBe("acme");
            entry.GetProperty("created").GetInt64().ShouldBe(0);
        }
    }

    [Fact]
    public async Task List_with_anthropic_version_is_anthropic_shaped()
    {
        using var client = AnthropicKeyClient();

        // The whole catalog on one page: it has more models than Anthropic's default page of 20.
        var list = await client.GetFromJsonAsync<JsonElement>("/v1/models?limit=1000");

        var data = list.GetProperty("data").EnumerateArray().ToList();
        data.Count.ShouldBe(22);
        list.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        list.GetProperty("first_id").GetString().ShouldBe(data[0].GetProperty("id").GetString());
        list.GetProperty("last_id").GetString().ShouldBe(data[^1].GetProperty("id").GetString());
        list.TryGetProperty("object", out _).ShouldBeFalse();
        var entry = data.Single(model => model.GetProperty("id").GetString() == ColonModel);
        entry.GetProperty("type").GetString().ShouldBe("model");
        entry.GetProperty("display_name").GetString().ShouldBe(ColonModel);
        entry.GetProperty("created_at").GetDateTimeOffset().ShouldBe(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task Anthropic_list_pages_forwards_with_after_id_and_backwards_with_before_id()
    {
        using var client = AnthropicKeyClient();
        var all = Ids(await client.GetFromJsonAsync<JsonElement>("/v1/models?limit=1000"));

        var first = await client.GetFromJsonAsync<JsonElement>("/v1/models?limit=8");
        var second = await client.GetFromJsonAsync<JsonElement>($"/v1/models?limit=8&after_id={Uri.EscapeDataString(first.GetProperty("last_id").GetString()!)}");
        var third = await client.GetFromJsonAsync<JsonElement>($"/v1/models?limit=8&after_id={Uri.EscapeDataString(second.GetProperty("last_id").GetString()!)}");

        first.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        second.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        third.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        Ids(first).Concat(Ids(second)).Concat(Ids(third)).ShouldBe(all);

        var back = await client.GetFromJsonAsync<JsonElement>($"/v1/models?limit=8&before_id={Uri.EscapeDataString(second.GetProperty("first_id").GetString()!)}");
        Ids(back).ShouldBe(Ids(first));
        back.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        var partBack = await client.GetFromJsonAsync<JsonElement>($"/v1/models?limit=3&before_id={Uri.EscapeDataString(third.GetProperty("first_id").GetString()!)}");
        Ids(partBack).ShouldBe(all.Skip(13).Take(3));
        partBack.GetProperty("has_more").GetBoolean().ShouldBeTrue();

        var beyond = await client.GetFromJsonAsync<JsonElement>($"/v1/models?after_id={Uri.EscapeDataString(all[^1])}");
        Ids(beyond).ShouldBeEmpty();
        beyond.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        beyond.GetProperty("first_id").ValueKind.ShouldBe(JsonValueKind.Null);
        beyond.GetProperty("last_id").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("after_id=openai/gpt-4o&before_id=openai/gpt-4o-mini")]
    public async Task Bad_paging_is_a_400_in_anthropic_format(string query)
    {
        using var client = AnthropicKeyClient();

        await ShouldBeAnthropicError(await client.GetAsync($"/v1/models?{query}"), 400, "invalid_request_error");
    }

    [Theory]
    [InlineData("openai/gpt-4o", "openai/gpt-4o")]
    [InlineData("openai%2Fgpt-4o", "openai/gpt-4o")]
    [InlineData("OpenAI/GPT-4o", "openai/gpt-4o")]
    [InlineData("acme/tiny:free", ColonModel)]
    [InlineData("acme%2Ftiny%3Afree", ColonModel)]
    public async Task Retrieve_answers_openai_shape_for_ids_with_slashes_and_colons(string path, string id)
    {
        using var client = _gateway.CreateHttpClient();

        var model = await client.GetFromJsonAsync<JsonElement>($"/v1/models/{path}");

        model.GetProperty("id").GetString().ShouldBe(id);
        model.GetProperty("object").GetString().ShouldBe("model");
        model.GetProperty("created").GetInt64().ShouldBe(0);
        model.GetProperty("owned_by").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Retrieve_with_anthropic_version_is_anthropic_shaped()
    {
        using var client = AnthropicKeyClient();

        var model = await client.GetFromJsonAsync<JsonElement>("/v1/models/acme%2Ftiny%3Afree");

        model.GetProperty("type").GetString().ShouldBe("model");
        model.GetProperty("id").GetString().ShouldBe(ColonModel);
        model.GetProperty("display_name").GetString().ShouldBe(ColonModel);
        model.GetProperty("created_at").GetDateTimeOffset().ShouldBe(DateTimeOffset.UnixEpoch);
        model.TryGetProperty("object", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_id_is_404_in_the_format_of_the_client()
    {
        using (var openAi = _gateway.CreateHttpClient())
            await ShouldBeOpenAiError(await openAi.GetAsync("/v1/models/acme/missing:free"), 404, "model_not_found");
        using (var anthropic = AnthropicKeyClient())
            await ShouldBeAnthropicError(await anthropic.GetAsync("/v1/models/acme/missing:free"), 404, "not_found_error");
        using (var keyOnly = AnthropicKeyClient(version: null))
            await ShouldBeAnthropicError(await keyOnly.GetAsync("/v1/models/nope"), 404, "not_found_error");
    }

    [Fact]
    public async Task Missing_or_unknown_key_is_401_in_the_format_of_the_client()
    {
        using (var none = _gateway.CreateHttpClient(apiKey: null))
        {
            await ShouldBeOpenAiError(await none.GetAsync("/v1/models"), 401, "missing_api_key");
            await ShouldBeOpenAiError(await none.GetAsync("/v1/models/openai/gpt-4o"), 401, "missing_api_key");
        }
        using (var anthropicWithoutKey = _gateway.CreateHttpClient(apiKey: null))
        {
            anthropicWithoutKey.DefaultRequestHeaders.Add("anthropic-version", AnthropicVersion);
            await ShouldBeAnthropicError(await anthropicWithoutKey.GetAsync("/v1/models"), 401, "authentication_error");
            await ShouldBeAnthropicError(await anthropicWithoutKey.GetAsync("/v1/models/openai/gpt-4o"), 401, "authentication_error");
        }
        using (var wrongKey = AnthropicKeyClient(key: "gwz-not-a-key"))
            await ShouldBeAnthropicError(await wrongKey.GetAsync("/v1/models"), 401, "authentication_error");
    }

    [Fact]
    public async Task Metrics_label_both_endpoints_by_their_route_not_by_the_id()
    {
        using var client = _gateway.CreateHttpClient();
        await client.GetAsync("/v1/models");
        await client.GetAsync("/v1/models/acme/tiny:free");
        await client.GetAsync("/v1/models/acme/missing");

        var metrics = await _gateway.ScrapeMetricsAsync();

        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("route", "/v1/models"), ("status_code", "200")).ShouldBe(1);
        // (MetricsText cannot read a label value with '}' in it.)
        metrics.ShouldContain("""gatewayz_http_requests_total{method="GET",route="/v1/models/{**id}",status_code="200"} 1""");
        metrics.ShouldContain("""gatewayz_http_requests_total{method="GET",route="/v1/models/{**id}",status_code="404"} 1""");
        metrics.ShouldNotContain("route=\"/v1/models/acme");
    }

    private HttpClient AnthropicKeyClient(string? version = AnthropicVersion, string key = GatewayHost.DevelopmentKey)
    {
        var client = _gateway.CreateHttpClient(apiKey: null);
        client.DefaultRequestHeaders.Add("x-api-key", key);
        if (version is not null)
            client.DefaultRequestHeaders.Add("anthropic-version", version);
        return client;
    }

    private static List<string> Ids(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];

    public void Dispose() => _gateway.Dispose();
}
