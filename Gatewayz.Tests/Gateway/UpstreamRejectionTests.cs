using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An upstream's 4xx that the client can fix reaches the client with the upstream's status, message,
/// type, param and code (OpenAI's error object on <c>/v1/chat/completions</c>, Anthropic's on
/// <c>/v1/messages</c>), without retry or failover; 5xx and 429 keep the gateway's own answers.
/// </summary>
public sealed class UpstreamRejectionTests : IAsyncLifetime
{
    private const string Model = "test/rejecting";
    private const string SingleRouteModel = "test/rejecting-alone";
    private const string UpstreamKey = "sk-upstream-secret-0123456789";
    private const string ContextMessage = "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.";

    private static readonly string ContextLengthExceeded = JsonSerializer.Serialize(new
    {
        error = new { message = ContextMessage, type = "invalid_request_error", param = "messages", code = "context_length_exceeded", limits = new { max = 8192 } },
    });

    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:fake:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:fake:BaseUrl"] = _upstream.BaseUrl.ToString(),
            ["Gatewayz:Providers:fake:ApiKey"] = UpstreamKey,
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "fake",
            [$"Gatewayz:Models:{Model}:Routes:1:Provider"] = "groq",
            [$"Gatewayz:Models:{SingleRouteModel}:Routes:0:Provider"] = "fake",
            ["Gatewayz:Resilience:Retry:MaxRetries"] = "2",
            ["Gatewayz:Resilience:Retry:BaseDelayMilliseconds"] = "1",
            ["Gatewayz:Resilience:Retry:MaxDelayMilliseconds"] = "5",
            ["Gatewayz:Resilience:Retry:MaxRetryAfterSeconds"] = "0",
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Context_length_exceeded_reaches_the_client_as_the_upstreams_error(bool stream)
    {
        Reject(400, ContextLengthExceeded);

        using var response = await PostAsync("/v1/chat/completions", Model, stream);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["fake"]);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("message").GetString().ShouldBe(ContextMessage);
        error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
        error.GetProperty("param").GetString().ShouldBe("messages");
        error.GetProperty("code").GetString().ShouldBe("context_length_exceeded");
        error.GetProperty("limits").GetProperty("max").GetInt32().ShouldBe(8192);
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Openai_sdk_sees_the_upstreams_status_and_code()
    {
        Reject(400, ContextLengthExceeded);

        var failure = await Should.ThrowAsync<ClientResultException>(
            () => _gateway.CreateChatClient(Model).CompleteChatAsync([new UserChatMessage("a very long history")]));

        failure.Status.ShouldBe(400);
        failure.Message.ShouldContain("context_length_exceeded");
        failure.Message.ShouldContain(ContextMessage);
        var error = JsonDocument.Parse(failure.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("context_length_exceeded");
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Model_not_found_upstream_is_404_with_its_code()
    {
        Reject(404, """{"error":{"message":"The model `upstream-x` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");

        using var response = await PostAsync("/v1/chat/completions", Model);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("model_not_found");
        error.GetProperty("param").ValueKind.ShouldBe(JsonValueKind.Null);
        error.GetProperty("message").GetString().ShouldBe("The model `upstream-x` does not exist or you do not have access to it.");
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Unprocessable_request_is_422_with_the_upstreams_fields_as_they_were()
    {
        // A numeric code and an unfamiliar type, as some OpenAI-compatible servers send them.
        Reject(422, """{"error":{"message":"Input validation error: `temperature` must be strictly positive","type":"validation","param":"temperature","code":422}}""");

        using var response = await PostAsync("/v1/chat/completions", Model);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("type").GetString().ShouldBe("validation");
        error.GetProperty("param").GetString().ShouldBe("temperature");
        error.GetProperty("code").GetInt32().ShouldBe(422);
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Body_that_is_not_an_openai_error_becomes_a_gateway_error_with_an_excerpt()
    {
        Reject(400, "<html>\r\n<body>\n\t<h1>400 Bad Request</h1>\n\tRequest Header Or Cookie Too Large\n</body>\n</html>\n", "text/html");

        using var response = await PostAsync("/v1/chat/completions", Model);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["fake"]);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("upstream_rejected_request");
        error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
        error.GetProperty("message").GetString().ShouldBe(
            "The provider rejected the request: fake answered 400 Bad Request. Its answer: <html> <body> <h1>400 Bad Request</h1> Request Header Or Cookie Too Large </body> </html>");
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Huge_body_is_cut_to_a_bounded_excerpt(bool openAiShaped)
    {
        var filler = new string('x', 1024 * 1024);
        Reject(400, openAiShaped ? $$$"""{"error":{"message":"{{{filler}}}","type":"invalid_request_error","param":null,"code":"too_big"}}""" : filler);

        using var response = await PostAsync("/v1/chat/completions", Model);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Length.ShouldBeLessThan(1024, body);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("upstream_rejected_request");
        error.GetProperty("message").GetString()!.ShouldEndWith("xxx…");
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Upstream_key_and_internal_addresses_are_not_relayed()
    {
        var echo = $"Key {UpstreamKey} may not call {_upstream.BaseUrl}chat/completions from 10.1.2.3:8080 or http://inference.svc/v1; see https://platform.openai.com/docs/guides/error-codes";
        Reject(400, JsonSerializer.Serialize(new { error = new { message = echo, type = "invalid_request_error", param = (string?)null, code = "bad", hint = new[] { UpstreamKey } } }));

        using var response = await PostAsync("/v1/chat/completions", Model);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldNotContain(UpstreamKey);
        body.ShouldNotContain(_upstream.BaseUrl.Authority);
        body.ShouldNotContain("10.1.2.3");
        body.ShouldNotContain("inference.svc");
        var message = JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString();
        message.ShouldBe("Key [redacted] may not call [internal-url] from [internal-host] or [internal-url]; see https://platform.openai.com/docs/guides/error-codes");
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(413, "request_too_large")]
    [InlineData(422, "invalid_request_error")]
    public async Task Anthropic_messages_get_the_upstreams_rejection_in_anthropic_format(int status, string type)
    {
        Reject(status, ContextLengthExceeded);

        using var response = await PostAsync("/v1/messages", Model);

        ((int)response.StatusCode).ShouldBe(status);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["fake"]);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("type").GetString().ShouldBe("error");
        body.GetProperty("error").GetProperty("type").GetString().ShouldBe(type);
        body.GetProperty("error").GetProperty("message").GetString().ShouldBe(ContextMessage);
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Anthropic_sdk_sees_the_upstreams_status_type_and_message()
    {
        Reject(400, ContextLengthExceeded);

        var failure = await Should.ThrowAsync<AnthropicBadRequestException>(() => _gateway.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 20,
            Messages = [new UserMessageParam { Content = "a very long history" }],
        }));

        ((int)failure.StatusCode).ShouldBe(400);
        failure.Type!.Raw().ShouldBe("invalid_request_error");
        failure.ApiMessage.ShouldBe(ContextMessage);
        await ShouldHaveTriedOnceWithoutFailoverAsync();
    }

    [Fact]
    public async Task Rejections_count_as_client_errors_and_never_open_the_breaker()
    {
        Reject(400, ContextLengthExceeded);
        // More than the breaker's minimum throughput (5), every one of them failed.
        for (var i = 0; i < 8; i++)
            (await PostAsync("/v1/chat/completions", SingleRouteModel)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _upstream.Behavior = new UpstreamBehavior();

        using var served = await PostAsync("/v1/chat/completions", SingleRouteModel);

        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Headers.GetValues("x-gatewayz-provider").ShouldBe(["fake"]);
        _upstream.ChatRequestCount.ShouldBe(9);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "fake"), ("status", "client_error")).ShouldBe(8);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "fake"), ("status", "success")).ShouldBe(1);
    }

    [Theory]
    [InlineData(500, HttpStatusCode.BadGateway, "upstream_error", 3)]
    [InlineData(503, HttpStatusCode.BadGateway, "upstream_error", 3)]
    [InlineData(401, HttpStatusCode.BadGateway, "upstream_error", 3)]
    [InlineData(403, HttpStatusCode.BadGateway, "upstream_error", 3)]
    [InlineData(409, HttpStatusCode.BadGateway, "upstream_error", 3)]
    [InlineData(408, HttpStatusCode.GatewayTimeout, "upstream_timeout", 3)]
    [InlineData(429, HttpStatusCode.TooManyRequests, "upstream_rate_limited", 1)]
    public async Task Provider_failures_keep_the_gateways_own_answer_retries_and_failover(int upstreamStatus, HttpStatusCode expected, string code, int attempts)
    {
        // Retry-After beyond the cap: a 429 is not retried, it fails over (or is answered) at once.
        _upstream.Behavior = new UpstreamBehavior { Status = upstreamStatus, RetryAfter = "30" };

        using var alone = await PostAsync("/v1/chat/completions", SingleRouteModel);
        using var withFailover = await PostAsync("/v1/chat/completions", Model);

        alone.StatusCode.ShouldBe(expected);
        alone.Headers.Contains("x-gatewayz-provider").ShouldBeFalse();
        var error = (await alone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("message").GetString()!.ShouldNotContain("fake upstream failure");
        withFailover.StatusCode.ShouldBe(HttpStatusCode.OK);
        withFailover.Headers.GetValues("x-gatewayz-provider").ShouldBe(["groq"]);
        _upstream.ChatRequestCount.ShouldBe(2 * attempts);
    }

    private void Reject(int status, string body, string contentType = "application/json") =>
        _upstream.Behavior = new UpstreamBehavior { Status = status, ErrorBody = body, ErrorContentType = contentType };

    private async Task ShouldHaveTriedOnceWithoutFailoverAsync()
    {
        _upstream.ChatRequestCount.ShouldBe(1);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "groq")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_failovers_total").ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_retries_total").ShouldBe(0);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string model, bool stream = false)
    {
        using var client = _gateway.CreateHttpClient();
        return await client.PostAsync(path, new StringContent(
            JsonSerializer.Serialize(new { model, stream, max_tokens = 16, messages = new[] { new { role = "user", content = "hi" } } }),
            Encoding.UTF8, "application/json"));
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
