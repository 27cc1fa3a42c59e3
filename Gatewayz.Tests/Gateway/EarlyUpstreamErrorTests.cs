using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An upstream that answers 200 but reports an error before any output — in a JSON body, or as the
/// first events of a stream: the client gets the upstream's own words, and an error the client must
/// fix (context too long) is neither retried nor failed over.
/// </summary>
public sealed class EarlyUpstreamErrorTests : IAsyncLifetime
{
    private const string ContextTooLong =
        """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""";
    private const string Overloaded = """{"error":{"message":"The server is overloaded","type":"server_error","code":"overloaded"}}""";
    private const string RoleOnly = """{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""";

    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Context_length_error_in_a_200_answer_is_a_400_with_the_upstreams_words_after_one_call(bool stream)
    {
        _relay.Upstream.Behavior = stream
            ? new UpstreamBehavior { RawStream = $"data: {RoleOnly}\n\ndata: {ContextTooLong}\n\ndata: [DONE]\n\n" }
            : new UpstreamBehavior { RawBody = ContextTooLong };

        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream));

        status.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        error.GetProperty("message").GetString().ShouldBe("This model's maximum context length is 8192 tokens.");
        error.GetProperty("code").GetString().ShouldBe("context_length_exceeded");
        error.GetProperty("param").GetString().ShouldBe("messages");
        _relay.Upstream.ChatRequestCount.ShouldBe(1, "an error the client must fix is not retried");
    }

    [Fact]
    public async Task Server_error_in_a_200_answer_reaches_the_client_with_the_upstreams_message()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = Overloaded };

        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody());

        ((int)status).ShouldBeGreaterThanOrEqualTo(500);
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString().ShouldBe("The server is overloaded");
    }
}
