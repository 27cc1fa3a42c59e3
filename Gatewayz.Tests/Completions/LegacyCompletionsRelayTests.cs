using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Completions;

/// <summary>
/// <c>/v1/completions</c> in front of OpenAI-compatible upstreams (real HTTP servers), called with raw HTTP because
/// OpenAI's .NET SDK 2.x has no client for the legacy completions API: the client's body forwarded with only
/// <c>model</c> rewritten, the upstream's answer relayed byte for byte but the model, failures handled as chat's.
/// </summary>
public sealed class LegacyCompletionsRelayTests : TwoUpstreamGateway
{
    private const string Path = "/v1/completions";
    private const string Model = "test/instruct";
    private const string FailoverModel = "test/instruct-failover";
    private const string MixedModel = "test/instruct-behind-anthropic";

    protected override IReadOnlyDictionary<string, string?> ModelSettings => new Dictionary<string, string?>
    {
        [$"Gatewayz:Models:{Model}:Endpoints:0"] = "completions",
        [$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = "1000000",
        [$"Gatewayz:Models:{Model}:Pricing:OutputPerMillion"] = "2000000",
        [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = "upstream-instruct-v1",
        [$"Gatewayz:Models:{FailoverModel}:Endpoints:0"] = "completions",
        [$"Gatewayz:Models:{FailoverModel}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{FailoverModel}:Routes:1:Provider"] = "second",
        [$"Gatewayz:Models:{MixedModel}:Endpoints:0"] = "completions",
        [$"Gatewayz:Models:{MixedModel}:Routes:0:Provider"] = "claude",
        [$"Gatewayz:Models:{MixedModel}:Routes:1:Provider"] = "second",
    };

    [Fact]
    public async Task The_upstreams_answer_reaches_the_client_byte_for_byte_with_only_the_model_rewritten()
    {
        // Logprobs, numbers in forms a re-serialisation would change, fields the gateway does not know.
        const string answer = """{"id":"cmpl-up","object":"text_completion","created":1,"model":"upstream-instruct-v1","choices":[{"text":" caf\u00e9","index":0,"logprobs":{"tokens":[" caf\u00e9"],"token_logprobs":[-1.50E-2]},"finish_reason":"length"}],"usage":{"prompt_tokens":4,"completion_tokens":1,"total_tokens":5},"system_fingerprint":null,"x_upstream":{"kept":[1.000]}}""";
        Upstream.Behavior = new UpstreamBehavior { RawBody = answer };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{Model}}","prompt":"Say","max_tokens":1,"logprobs":1}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["upstream"]);
        (await response.Content.ReadAsStringAsync()).ShouldBe(answer.Replace("\"model\":\"upstream-instruct-v1\"", $"\"model\":\"{Model}\""));
    }

    [Fact]
    public async Task The_upstream_receives_every_field_the_client_sent_with_its_own_model_id_and_key()
    {
        const string fields = """
            "prompt":[[1,2],[3]],"max_tokens":7,"temperature":0.5,"top_p":1,"n":2,"stop":["\n","END"],"suffix":"!","echo":true,"logprobs":2,"best_of":3,"user":"u-1","x_vendor":{"beam":4}
            """;

        using var response = await Gateway.PostJsonAsync(Path, $$$"""{"model":"{{{Model}}}",{{{fields}}}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var request = Upstream.Requests.Single(request => request.Path == Path);
        request.Authorization.ShouldBe("Bearer upstream-secret");
        request.Body!.Value.ShouldBeJson($$$"""{"model":"upstream-instruct-v1",{{{fields}}}}""");
    }

    [Fact]
    public async Task Usage_is_the_upstreams_and_is_charged_at_the_token_prices()
    {
        Upstream.Behavior = new UpstreamBehavior { PromptTokens = 5, CompletionTokens = 3 };
        await Gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Model}}","prompt":"hello"}""");
        // No usable usage: the prompt's estimate (40 characters, 10 tokens) and no output.
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"id":"c","object":"text_completion","model":"m","choices":[],"usage":{"prompt_tokens":"many"}}""" };
        await Gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Model}}","prompt":"{{new string('x', 40)}}"}""");

        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Model), ("token_type", "input")).ShouldBe(15);
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Model), ("token_type", "output")).ShouldBe(3);
        // $1 per input token, $2 per output token.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(15 + 2 * 3, 1e-9);
    }

    [Fact]
    public async Task A_500_fails_over_to_the_next_route()
    {
        Upstream.Behavior = new UpstreamBehavior { Status = 500 };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{FailoverModel}}","prompt":"x"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        Upstream.Requests.Count(request => request.Path == Path).ShouldBe(1);
        Second.Requests.Count(request => request.Path == Path).ShouldBe(1);
    }

    [Fact]
    public async Task An_upstream_400_reaches_the_client_as_the_upstreams_error_without_failover()
    {
        Upstream.Behavior = new UpstreamBehavior
        {
            Status = 400,
            ErrorBody = """{"error":{"message":"This model's maximum context length is 4097 tokens.","type":"invalid_request_error","param":"prompt","code":"context_length_exceeded"}}""",
        };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{FailoverModel}}","prompt":"long"}""");

        await ErrorJson.ShouldBeOpenAiError(response, 400, "context_length_exceeded");
        Second.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_Anthropic_route_is_skipped_as_unsupported_and_the_next_route_answers()
    {
        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{MixedModel}}","prompt":"x"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "claude"), ("model", MixedModel), ("reason", "unsupported")).ShouldBe(1);
    }

    [Fact]
    public async Task The_attempt_span_is_a_text_completion_operation_with_its_usage()
    {
        using var spans = new AttemptSpans("upstream-instruct-v1");
        Upstream.Behavior = new UpstreamBehavior { PromptTokens = 6, CompletionTokens = 2 };

        await Gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Model}}","prompt":"span me"}""");

        var span = await spans.SingleAsync();
        span.GetTagItem("gen_ai.operation.name").ShouldBe("text_completion");
        span.DisplayName.ShouldBe("text_completion upstream-instruct-v1");
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(6);
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(2);
    }
}
