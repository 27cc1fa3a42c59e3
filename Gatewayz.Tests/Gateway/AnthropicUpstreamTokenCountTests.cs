using System.Net;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;
using BetaCountParams = Anthropic.Models.Beta.Messages.MessageCountTokensParams;
using BetaUserMessageParam = Anthropic.Models.Beta.Messages.BetaUserMessageParam;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> with the official Anthropic SDK on a model whose first route is an Anthropic
/// upstream: the upstream counts (the client's body, model rewritten, with the provider's key and version and the
/// client's beta header) and its answer is relayed; its rejection of the client's request too. An upstream that
/// cannot count leaves the count to the gateway's estimate, as does an OpenAI-compatible first route, and the
/// response header <c>x-gatewayz-token-count</c> says which.
/// </summary>
public sealed class AnthropicUpstreamTokenCountTests : IAsyncLifetime
{
    private const string SourceHeader = "x-gatewayz-token-count";

    private AnthropicRelayGateway _relay = null!;

    // One second to the first byte, so that a silent upstream times out quickly.
    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync(new Dictionary<string, string?>
    {
        [$"Gatewayz:Providers:{AnthropicRelayGateway.Provider}:TimeToFirstByteSeconds"] = "1",
    });

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Sdk_receives_the_upstreams_count_and_the_upstream_the_clients_body_with_the_model_rewritten()
    {
        var client = _relay.CreateAnthropicClient();

        using var response = await client.WithRawResponse.Messages.CountTokens(Count(AnthropicRelayGateway.Model));
        var count = await response.Deserialize(CancellationToken.None);

        count.InputTokens.ShouldBe(2095);
        response.GetHeaderValues(SourceHeader).ShouldBe(["upstream"]);
        response.GetHeaderValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.Provider]);
        var received = _relay.Anthropic.CountRequests.ShouldHaveSingleItem();
        var body = received.Body!.Value;
        body.GetProperty("model").GetString().ShouldBe(AnthropicRelayGateway.UpstreamModel);
        body.GetProperty("system").GetString().ShouldBe("Answer in French.");
        body.GetProperty("messages").GetRawText().ShouldBe("""[{"role":"user","content":"What is the weather in San Francisco?"}]""");
        received.Headers["x-api-key"].ShouldBe(AnthropicRelayGateway.ApiKey);
        received.Headers["anthropic-version"].ShouldBe("2023-06-01");
        received.Headers.ShouldNotContainKey("authorization");
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Path == "/v1/messages", "a count is not a message");
        var metrics = await _relay.Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", AnthropicRelayGateway.Provider)).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_credits_used_total").ShouldBe(0);
    }

    [Fact]
    public async Task Clients_beta_header_reaches_the_upstream()
    {
        await _relay.CreateAnthropicClient().Beta.Messages.CountTokens(new BetaCountParams
        {
            Model = AnthropicRelayGateway.Model,
            Messages = [new BetaUserMessageParam { Content = "Hello" }],
            Betas = ["token-efficient-tools-2025-02-19"],
        });

        _relay.Anthropic.CountRequests.ShouldHaveSingleItem().Headers["anthropic-beta"].ShouldBe("token-efficient-tools-2025-02-19");
    }

    [Fact]
    public async Task Request_and_answer_are_relayed_byte_for_byte_except_the_model()
    {
        const string Answer = """{"input_tokens":14,"context_management":{"original_input_tokens":20},"x_vendor":[1,2.50]}""";
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = Answer };
        var sent = $$$"""{"model":"{{{AnthropicRelayGateway.Model}}}","messages":[{"role":"user","content":"caf\u00e9 😀"}],"thinking":{"type":"enabled","budget_tokens":1024},"x_future":{"a":[1,2.50,true,null]}}""";

        var (status, body, response) = await PostCountAsync(sent);

        status.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldBe(Answer);
        response.Headers.GetValues(SourceHeader).ShouldBe(["upstream"]);
        _relay.Anthropic.CountRequests.ShouldHaveSingleItem().RawBody
            .ShouldBe(sent.Replace($"\"{AnthropicRelayGateway.Model}\"", $"\"{AnthropicRelayGateway.UpstreamModel}\""));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("529")]
    [InlineData("429")]
    [InlineData("401")]
    [InlineData("404")]
    [InlineData("connection broken")]
    [InlineData("silent")]
    [InlineData("no count")]
    public async Task An_upstream_that_cannot_count_leaves_the_count_to_the_gateways_estimate(string failure)
    {
        _relay.Anthropic.Behavior = failure switch
        {
            "connection broken" => new UpstreamBehavior { AbortConnection = true },
            "silent" => new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(10) },
            "no count" => new UpstreamBehavior { RawBody = """{"tokens":12}""" },
            _ => new UpstreamBehavior { Status = int.Parse(failure), ErrorBody = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""" },
        };
        var client = _relay.CreateAnthropicClient();

        using var counted = await client.WithRawResponse.Messages.CountTokens(Count(AnthropicRelayGateway.Model));
        using var estimated = await client.WithRawResponse.Messages.CountTokens(Count(AnthropicRelayGateway.OpenAiFirstModel));

        counted.GetHeaderValues(SourceHeader).ShouldBe(["estimate"]);
        counted.TryGetHeaderValues("x-gatewayz-provider", out _).ShouldBeFalse();
        var count = (await counted.Deserialize(CancellationToken.None)).InputTokens;
        count.ShouldNotBe(2095);
        count.ShouldBe((await estimated.Deserialize(CancellationToken.None)).InputTokens, "the same prompt, estimated the same way");
        _relay.Anthropic.CountRequests.Count.ShouldBe(1, "asked once, not retried");
    }

    [Fact]
    public async Task A_model_whose_first_route_is_openai_compatible_is_estimated_without_asking_the_anthropic_upstream()
    {
        using var response = await _relay.CreateAnthropicClient().WithRawResponse.Messages.CountTokens(Count(AnthropicRelayGateway.OpenAiFirstModel));

        response.GetHeaderValues(SourceHeader).ShouldBe(["estimate"]);
        (await response.Deserialize(CancellationToken.None)).InputTokens.ShouldBeGreaterThan(0);
        _relay.Anthropic.CountRequests.ShouldBeEmpty();
        _relay.OpenAi.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_request_the_openai_compatible_first_route_cannot_take_is_counted_by_the_anthropic_route_behind_it()
    {
        var (status, body, response) = await PostCountAsync($$$"""
            {"model":"{{{AnthropicRelayGateway.OpenAiFirstModel}}}","messages":[{"role":"user","content":[
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQK"}},{"type":"text","text":"Summarise"}]}]}
            """);

        status.ShouldBe(HttpStatusCode.OK, body);
        response.Headers.GetValues(SourceHeader).ShouldBe(["upstream"]);
        _relay.Anthropic.CountRequests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_upstreams_rejection_of_the_clients_request_reaches_the_client_as_its_anthropic_error()
    {
        const string Error = """{"type":"invalid_request_error","message":"messages.0.content.0.image.source.base64.data: The image was specified using the image/png media type, but the image appears to be a image/jpeg image"}""";
        _relay.Anthropic.Behavior = new UpstreamBehavior { Status = 400, ErrorBody = $$"""{"type":"error","error":{{Error}},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""" };

        await Should.ThrowAsync<AnthropicBadRequestException>(() => _relay.CreateAnthropicClient().Messages.CountTokens(Count(AnthropicRelayGateway.Model)));
        var (status, body, response) = await PostCountAsync($$"""{"model":"{{AnthropicRelayGateway.Model}}","messages":[{"role":"user","content":"Hi"}]}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe($$"""{"type":"error","error":{{Error}}}""");
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.Provider]);
        response.Headers.Contains(SourceHeader).ShouldBeFalse();
    }

    private static MessageCountTokensParams Count(string model) => new()
    {
        Model = model,
        System = "Answer in French.",
        Messages = [new UserMessageParam { Content = "What is the weather in San Francisco?" }],
    };

    private Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostCountAsync(string json) =>
        _relay.PostAnthropicAsync("/v1/messages/count_tokens", json);
}
