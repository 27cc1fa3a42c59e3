using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Embeddings;

namespace Gatewayz.Tests.Embeddings;

/// <summary>
/// <c>/v1/embeddings</c> in front of OpenAI-compatible upstreams (real HTTP servers): the client's body forwarded with
/// only <c>model</c> rewritten, the upstream's answer relayed byte for byte but the model, its failures handled as chat's.
/// </summary>
public sealed class EmbeddingsRelayTests : TwoUpstreamGateway
{
    private const string Model = "test/embed";
    private const string FailoverModel = "test/embed-failover";
    private const string MixedModel = "test/embed-behind-anthropic";
    private const string AnthropicOnlyModel = "test/embed-anthropic-only";

    protected override IReadOnlyDictionary<string, string?> ModelSettings => new Dictionary<string, string?>
    {
        [$"Gatewayz:Models:{Model}:Endpoints:0"] = "embeddings",
        [$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = "1000000",
        [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = "upstream-embed-v1",
        [$"Gatewayz:Models:{FailoverModel}:Endpoints:0"] = "embeddings",
        [$"Gatewayz:Models:{FailoverModel}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{FailoverModel}:Routes:1:Provider"] = "second",
        [$"Gatewayz:ModelList:0:Id"] = MixedModel,
        [$"Gatewayz:ModelList:0:Endpoints:0"] = "chat",
        [$"Gatewayz:ModelList:0:Endpoints:1"] = "embeddings",
        [$"Gatewayz:ModelList:0:Routes:0:Provider"] = "claude",
        [$"Gatewayz:ModelList:0:Routes:1:Provider"] = "second",
        [$"Gatewayz:Models:{AnthropicOnlyModel}:Endpoints:0"] = "embeddings",
        [$"Gatewayz:Models:{AnthropicOnlyModel}:Routes:0:Provider"] = "claude",
    };

    [Fact]
    public async Task The_upstreams_answer_reaches_the_client_byte_for_byte_with_only_the_model_rewritten()
    {
        // Numbers in forms a re-serialisation would change, a base64 vector, fields the gateway does not know.
        const string answer = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-9.327292E-3,1.50e-7,-0.0,1]},{"object":"embedding","index":1,"embedding":"AACAPwAAAEA="}],"model":"upstream-embed-v1","usage":{"prompt_tokens":7,"total_tokens":7},"x_upstream":{"kept":[1.000]}}""";
        Upstream.Behavior = new UpstreamBehavior { RawBody = answer };

        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{Model}}","input":["a","b"]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["upstream"]);
        (await response.Content.ReadAsStringAsync()).ShouldBe(answer.Replace("\"model\":\"upstream-embed-v1\"", $"\"model\":\"{Model}\""));
    }

    [Fact]
    public async Task The_upstream_receives_every_field_the_client_sent_with_its_own_model_id_and_key()
    {
        using var response = await Gateway.PostEmbeddingsAsync(
            $$$"""{"model":"{{{Model}}}","input":[[1,2,3]],"dimensions":64,"encoding_format":"float","user":"u-1","x_vendor":{"truncate":"END"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var request = Upstream.Requests.Single(request => request.Path == "/v1/embeddings");
        request.Authorization.ShouldBe("Bearer upstream-secret");
        request.Body!.Value.ShouldBeJson("""{"model":"upstream-embed-v1","input":[[1,2,3]],"dimensions":64,"encoding_format":"float","user":"u-1","x_vendor":{"truncate":"END"}}""");
        request.RawBody.ShouldStartWith("""{"model":"upstream-embed-v1",""");
    }

    [Fact]
    public async Task The_OpenAI_SDK_asks_for_base64_and_gets_the_upstreams_vector()
    {
        // 1.0 and 2.0 as little-endian float32.
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],"model":"upstream-embed-v1","usage":{"prompt_tokens":3,"total_tokens":3}}""" };

        OpenAIEmbedding embedding = await Gateway.CreateOpenAiClient().GetEmbeddingClient(Model).GenerateEmbeddingAsync("hello");

        embedding.ToFloats().ToArray().ShouldBe([1f, 2f]);
        Upstream.Requests.Single().Body!.Value.GetProperty("encoding_format").GetString().ShouldBe("base64");
    }

    [Fact]
    public async Task Usage_is_the_upstreams_prompt_tokens_or_the_estimate_when_it_reports_none()
    {
        Upstream.Behavior = new UpstreamBehavior { PromptTokens = 9 };
        await Gateway.EmbedAsync($$"""{"model":"{{Model}}","input":"hello"}""");
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"object":"list","data":[],"model":"m","usage":{"prompt_tokens":"many"}}""" };
        await Gateway.EmbedAsync($$"""{"model":"{{Model}}","input":"{{new string('x', 40)}}"}""");

        var metrics = await Gateway.ScrapeMetricsAsync();
        // 9 reported, then 10 estimated (40 characters at 4 per token), at a million dollars per million tokens.
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Model), ("token_type", "input")).ShouldBe(19);
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(19, 1e-9);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model), ("status", "success")).ShouldBe(2);
    }

    [Fact]
    public async Task An_upstream_400_reaches_the_client_as_the_upstreams_error_without_failover()
    {
        Upstream.Behavior = new UpstreamBehavior
        {
            Status = 400,
            ErrorBody = """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}""",
        };

        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{FailoverModel}}","input":"long"}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "context_length_exceeded");
        text.ShouldContain("maximum context length is 8192 tokens");
        Second.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_500_fails_over_to_the_next_route()
    {
        Upstream.Behavior = new UpstreamBehavior { Status = 500 };

        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{FailoverModel}}","input":"x"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        Upstream.Requests.Count(request => request.Path == "/v1/embeddings").ShouldBe(1);
        Second.Requests.Count(request => request.Path == "/v1/embeddings").ShouldBe(1);
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", FailoverModel), ("reason", "server_error")).ShouldBe(1);
    }

    [Fact]
    public async Task When_every_route_fails_the_client_gets_the_last_failure()
    {
        Upstream.Behavior = new UpstreamBehavior { Status = 503 };
        Second.Behavior = new UpstreamBehavior { Status = 503 };

        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{FailoverModel}}","input":"x"}""");

        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(500);
        Second.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_Anthropic_route_is_skipped_as_unsupported_and_the_next_route_answers()
    {
        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{MixedModel}}","input":"x"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "claude"), ("model", MixedModel), ("reason", "unsupported")).ShouldBe(1);
    }

    [Fact]
    public async Task A_model_whose_only_route_is_Anthropic_is_a_400_naming_the_model()
    {
        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{AnthropicOnlyModel}}","input":"x"}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "model_not_supported");
        text.ShouldContain(AnthropicOnlyModel);
        text.ShouldContain("embeddings");
    }

    [Fact]
    public async Task An_answer_without_a_data_array_is_an_invalid_response_that_fails_over()
    {
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"object":"list","model":"m"}""" };

        using var response = await Gateway.PostEmbeddingsAsync($$"""{"model":"{{FailoverModel}}","input":"x"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", FailoverModel), ("reason", "invalid_response")).ShouldBe(1);
    }

    [Fact]
    public async Task The_attempt_span_is_an_embeddings_operation_with_its_usage()
    {
        using var spans = new AttemptSpans("upstream-embed-v1");
        Upstream.Behavior = new UpstreamBehavior { PromptTokens = 6 };

        await Gateway.EmbedAsync($$"""{"model":"{{Model}}","input":"span me"}""");

        var span = await spans.SingleAsync();
        span.GetTagItem("gen_ai.operation.name").ShouldBe("embeddings");
        span.DisplayName.ShouldBe("embeddings upstream-embed-v1");
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(6);
        span.GetTagItem("gen_ai.response.model").ShouldBe("upstream-embed-v1");
        span.GetTagItem("gen_ai.response.finish_reasons").ShouldBeNull();
        span.Events.ShouldNotContain(e => e.Name.StartsWith("gen_ai."));
    }
}
