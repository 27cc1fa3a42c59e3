using System.ClientModel;
using System.Net;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Images;

namespace Gatewayz.Tests.Images;

/// <summary>
/// <c>/v1/images/generations</c> in front of OpenAI-compatible upstreams (real HTTP servers): the client's body
/// forwarded with only <c>model</c> rewritten, the upstream's answer relayed byte for byte, failures handled as chat's.
/// </summary>
public sealed class ImagesRelayTests : TwoUpstreamGateway
{
    private const string Path = "/v1/images/generations";
    private const string Model = "test/paint";
    private const string FailoverModel = "test/paint-failover";

    protected override IReadOnlyDictionary<string, string?> ModelSettings => new Dictionary<string, string?>
    {
        [$"Gatewayz:Models:{Model}:Endpoints:0"] = "images",
        [$"Gatewayz:Models:{Model}:Pricing:PerImage"] = "0.5",
        [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = "upstream-paint-v2",
        [$"Gatewayz:Models:{FailoverModel}:Endpoints:0"] = "images",
        [$"Gatewayz:Models:{FailoverModel}:Routes:0:Provider"] = "upstream",
        [$"Gatewayz:Models:{FailoverModel}:Routes:1:Provider"] = "second",
    };

    [Fact]
    public async Task The_upstreams_answer_reaches_the_client_byte_for_byte()
    {
        // A URL, a base64 picture, a revised prompt, fields the gateway does not know, spacing a re-serialisation would change.
        const string answer = """{ "created":1713833628,"data":[{"url":"https://cdn.example/a.png?sig=x%2By","revised_prompt":"A \u00e9t\u00e9 sky"},{"b64_json":"iVBORw0KGgo="}],"usage":{"input_tokens":5},"x_upstream":[1.000] }""";
        Upstream.Behavior = new UpstreamBehavior { RawBody = answer };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{Model}}","prompt":"sky","n":2}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["upstream"]);
        (await response.Content.ReadAsStringAsync()).ShouldBe(answer);
    }

    [Fact]
    public async Task A_model_the_upstream_names_in_its_answer_becomes_the_clients()
    {
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"created":1,"model":"upstream-paint-v2","data":[{"url":"u"}]}""" };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{Model}}","prompt":"sky"}""");

        (await response.Content.ReadAsStringAsync()).ShouldBe($$"""{"created":1,"model":"{{Model}}","data":[{"url":"u"}]}""");
    }

    [Fact]
    public async Task The_upstream_receives_every_field_the_client_sent_with_its_own_model_id_and_key()
    {
        using var response = await Gateway.PostJsonAsync(Path,
            $$$"""{"model":"{{{Model}}}","prompt":"a cat","n":1,"size":"1024x1792","response_format":"b64_json","quality":"hd","style":"vivid","user":"u-1","x_vendor":{"seed":7}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var request = Upstream.Requests.Single(request => request.Path == Path);
        request.Authorization.ShouldBe("Bearer upstream-secret");
        request.Body!.Value.ShouldBeJson("""{"model":"upstream-paint-v2","prompt":"a cat","n":1,"size":"1024x1792","response_format":"b64_json","quality":"hd","style":"vivid","user":"u-1","x_vendor":{"seed":7}}""");
    }

    [Fact]
    public async Task The_OpenAI_SDK_gets_the_upstreams_picture_and_each_picture_is_charged()
    {
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"created":1,"data":[{"b64_json":"AQID"},{"b64_json":"BAUG"},{"b64_json":"BwgJ"}]}""" };

        GeneratedImageCollection images = await Gateway.CreateOpenAiClient().GetImageClient(Model)
            .GenerateImagesAsync("three", 3, new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = GeneratedImageSize.W1024xH1024 });

        images.Select(image => image.ImageBytes.ToArray()).ShouldBe([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
        var metrics = await Gateway.ScrapeMetricsAsync();
        // Three pictures at $0.50.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(1.5, 1e-9);
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
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", FailoverModel), ("reason", "server_error")).ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_without_a_data_array_is_an_invalid_response_that_fails_over()
    {
        Upstream.Behavior = new UpstreamBehavior { RawBody = """{"created":1}""" };

        using var response = await Gateway.PostJsonAsync(Path, $$"""{"model":"{{FailoverModel}}","prompt":"x"}""");

        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["second"]);
        var metrics = await Gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", FailoverModel), ("reason", "invalid_response")).ShouldBe(1);
    }

    [Fact]
    public async Task The_attempt_span_is_a_generate_content_operation()
    {
        using var spans = new AttemptSpans("upstream-paint-v2");

        await Gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Model}}","prompt":"span me"}""");

        var span = await spans.SingleAsync();
        span.GetTagItem("gen_ai.operation.name").ShouldBe("generate_content");
        span.DisplayName.ShouldBe("generate_content upstream-paint-v2");
    }

    [Fact]
    public async Task Chat_completions_of_an_image_model_are_a_400_naming_the_model()
    {
        var failure = await Should.ThrowAsync<ClientResultException>(() => Gateway.CreateChatClient(Model).CompleteChatAsync([new UserChatMessage("hi")]));

        failure.Status.ShouldBe(400);
        failure.Message.ShouldContain($"'{Model}'");
        failure.Message.ShouldContain("images (/v1/images/generations)");
        Upstream.Requests.ShouldBeEmpty();
    }
}
