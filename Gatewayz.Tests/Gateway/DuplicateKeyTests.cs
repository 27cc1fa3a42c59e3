using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A key repeated in one object of a request body is a 400 naming its path, on both chat APIs, before any
/// upstream call: parsers disagree on which copy counts, and the gateway once validated and estimated the last
/// copy while the upstream received both.
/// </summary>
public sealed class DuplicateKeyTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    public static TheoryData<string, string, string> Bodies => new()
    {
        // The probe's body: a valid copy hides an invalid one.
        { "/v1/chat/completions", $$"""{"model":"{{RelayGateway.Model}}","temperature":7,"temperature":1,"messages":[{"role":"bogus","content":"x"}],"messages":[{"role":"user","content":"Hi"}]}""", "temperature" },
        { "/v1/chat/completions", $$"""{"model":"{{RelayGateway.Model}}","messages":[{"role":"user","content":"Hi","content":"Bye"}]}""", "messages[0].content" },
        { "/v1/chat/completions", $$$$"""{"model":"{{{{RelayGateway.Model}}}}","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object","type":"string"}}}]}""", "tools[0].function.parameters.type" },
        { "/v1/messages", $$"""{"model":"{{RelayGateway.Model}}","max_tokens":9,"max_tokens":100000,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens" },
        { "/v1/messages", $$"""{"model":"{{RelayGateway.Model}}","max_tokens":9,"messages":[{"role":"user","role":"assistant","content":"Hi"}]}""", "messages[0].role" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_repeated_key_is_a_400_naming_its_path_and_nothing_reaches_the_upstream(string path, string body, string key)
    {
        using var client = _relay.Gateway.CreateHttpClient();
        client.DefaultRequestHeaders.Add("x-api-key", GatewayHost.DevelopmentKey);

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain($"'{key}'");
        using var error = JsonDocument.Parse(text);
        if (path == "/v1/chat/completions")
            error.RootElement.GetProperty("error").GetProperty("param").GetString().ShouldBe(key);
        else
            error.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("invalid_request_error");
        _relay.Upstream.ChatRequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task Same_key_in_different_objects_is_fine()
    {
        var (status, body) = await _relay.PostChatAsync(
            $$"""{"model":"{{RelayGateway.Model}}","messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"Hi"}]}""");

        status.ShouldBe(HttpStatusCode.OK, body);
    }
}
